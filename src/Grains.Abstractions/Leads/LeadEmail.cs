namespace ChronusCrm.Grains.Abstractions.Leads;

/// <summary>The one spelling of an email that identifies a person.</summary>
public static class LeadEmail
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}

using System.Security.Cryptography;
using System.Text;

namespace ChronusCrm.Grains.Abstractions.Leads;

/// <summary>The one spelling of an email that identifies a person, and the key of its intake grain.</summary>
public static class LeadEmail
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// Grain keys show up in Orleans' own logs, so the intake grain is keyed by a digest of the
    /// normalised email rather than the address itself.
    /// </summary>
    public static string IntakeKey(string normalizedEmail) =>
        "email-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));
}

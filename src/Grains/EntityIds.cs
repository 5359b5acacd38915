namespace ChronusCrm.Grains;

/// <summary>
/// Ids are a type prefix and a time-ordered UUID, so they sort roughly by creation and say what
/// they name when they turn up in a log.
/// </summary>
public static class EntityIds
{
    public const string LeadPrefix = "lead-";
    public const string CustomerPrefix = "cust-";

    public static string NewLead() => LeadPrefix + Guid.CreateVersion7().ToString("N");

    public static string NewCustomer() => CustomerPrefix + Guid.CreateVersion7().ToString("N");

    /// <summary>The customer a lead converts into has an id derived from the lead's, so a retried
    /// conversion can only ever reach the same customer.</summary>
    public static string CustomerForLead(string leadId) =>
        CustomerPrefix + leadId[LeadPrefix.Length..];
}

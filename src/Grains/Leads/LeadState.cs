using ChronusCrm.Grains.Abstractions.Leads;

namespace ChronusCrm.Grains.Leads;

/// <summary>What a lead grain persists; null until the lead is created.</summary>
public sealed class LeadState
{
    public Lead? Lead { get; set; }
}

public sealed class LeadIntakeState
{
    /// <summary>The lead that submissions of this email merge into, while it stays open.</summary>
    public string? OpenLeadId { get; set; }
}

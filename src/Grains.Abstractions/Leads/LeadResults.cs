namespace ChronusCrm.Grains.Abstractions.Leads;

/// <summary>What a submission did: created a new lead or merged into the open one.</summary>
[GenerateSerializer, Alias("chronus.LeadIntakeResult")]
public sealed record LeadIntakeResult([property: Id(0)] Lead Lead, [property: Id(1)] bool Merged);

public enum LeadUpdateOutcome
{
    Updated,
    NotFound,
    TransitionRefused,
    EmailTaken,
}

/// <summary>The answer to a change: the lead after it, or why it was refused.</summary>
[GenerateSerializer, Alias("chronus.LeadUpdateResult")]
public sealed record LeadUpdateResult
{
    [Id(0)] public LeadUpdateOutcome Outcome { get; init; }
    [Id(1)] public Lead? Lead { get; init; }

    /// <summary>For a refused transition, the statuses the lead may move to from where it is.</summary>
    [Id(2)] public IReadOnlyList<LeadStatus> AllowedStatuses { get; init; } = [];
}

public enum LeadConversionOutcome
{
    Converted,
    NotFound,
    Lost,
}

[GenerateSerializer, Alias("chronus.LeadConversionResult")]
public sealed record LeadConversionResult
{
    [Id(0)] public LeadConversionOutcome Outcome { get; init; }
    [Id(1)] public Lead? Lead { get; init; }
    [Id(2)] public string? CustomerId { get; init; }
}

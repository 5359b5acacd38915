namespace ChronusCrm.Grains.Abstractions.Leads;

/// <summary>A partial update of a lead; a null member leaves that field as it is.</summary>
[GenerateSerializer, Alias("chronus.LeadChanges")]
public sealed record LeadChanges
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Email { get; init; }
    [Id(2)] public string? Company { get; init; }
    [Id(3)] public decimal? Value { get; init; }
    [Id(4)] public string? Notes { get; init; }
    [Id(5)] public string? Source { get; init; }
    [Id(6)] public LeadStatus? Status { get; init; }
}

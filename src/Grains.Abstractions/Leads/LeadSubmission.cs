namespace ChronusCrm.Grains.Abstractions.Leads;

/// <summary>One form or API submission for a person, as it arrived (email already normalised).</summary>
[GenerateSerializer, Alias("chronus.LeadSubmission")]
public sealed record LeadSubmission
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string Email { get; init; }
    [Id(2)] public string? Company { get; init; }
    [Id(3)] public decimal? Value { get; init; }
    [Id(4)] public string? Notes { get; init; }
    [Id(5)] public required string Source { get; init; }
    [Id(6)] public DateTimeOffset ReceivedAt { get; init; }
}

namespace ChronusCrm.Grains.Abstractions.Leads;

/// <summary>A lead as its grain holds it: the latest values and a short submission history.</summary>
[GenerateSerializer, Alias("chronus.Lead")]
public sealed record Lead
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Email { get; init; }
    [Id(3)] public string? Company { get; init; }
    [Id(4)] public decimal? Value { get; init; }
    [Id(5)] public string? Notes { get; init; }
    [Id(6)] public required string Source { get; init; }
    [Id(7)] public LeadStatus Status { get; init; }
    [Id(8)] public string? CustomerId { get; init; }
    [Id(9)] public DateTimeOffset CreatedAt { get; init; }
    [Id(10)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Grows by one on every change; read models keep the highest version they saw.</summary>
    [Id(11)] public long Version { get; init; }

    [Id(12)] public IReadOnlyList<LeadSubmission> History { get; init; } = [];

    public bool IsOpen => Status is not (LeadStatus.Won or LeadStatus.Lost);
}

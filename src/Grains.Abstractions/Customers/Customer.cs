namespace ChronusCrm.Grains.Abstractions.Customers;

[GenerateSerializer, Alias("chronus.Customer")]
public sealed record Customer
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string? Email { get; init; }
    [Id(3)] public string? Company { get; init; }
    [Id(4)] public CustomerStatus Status { get; init; }

    /// <summary>The lead this customer was converted from, if any.</summary>
    [Id(5)] public string? LeadId { get; init; }

    [Id(6)] public DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(8)] public long Version { get; init; }

    /// <summary>E.164; messages from this number on WhatsApp or SMS link to this customer.</summary>
    [Id(9)] public string? Phone { get; init; }

    /// <summary>Lower-case, without the @; Instagram messages from this handle link to this customer.</summary>
    [Id(10)] public string? Instagram { get; init; }
}

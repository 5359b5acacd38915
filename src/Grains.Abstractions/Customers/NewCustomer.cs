namespace ChronusCrm.Grains.Abstractions.Customers;

[GenerateSerializer, Alias("chronus.NewCustomer")]
public sealed record NewCustomer
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string? Email { get; init; }
    [Id(2)] public string? Company { get; init; }
    [Id(3)] public string? LeadId { get; init; }
    [Id(4)] public string? Phone { get; init; }
    [Id(5)] public string? Instagram { get; init; }
    [Id(6)] public CustomerStatus Status { get; init; } = CustomerStatus.Active;
}

/// <summary>A partial change of a customer; null members stay as they are.</summary>
[GenerateSerializer, Alias("chronus.CustomerChanges")]
public sealed record CustomerChanges
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Email { get; init; }
    [Id(2)] public string? Company { get; init; }
    [Id(3)] public string? Phone { get; init; }
    [Id(4)] public string? Instagram { get; init; }
    [Id(5)] public CustomerStatus? Status { get; init; }
}

namespace ChronusCrm.Grains.Abstractions.Customers;

[GenerateSerializer, Alias("chronus.NewCustomer")]
public sealed record NewCustomer
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string? Email { get; init; }
    [Id(2)] public string? Company { get; init; }
    [Id(3)] public string? LeadId { get; init; }
}

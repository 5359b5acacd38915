using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.Leads;

namespace ChronusCrm.Grains.Abstractions.ReadModel;

public sealed record LeadQuery(
    int Limit,
    ListCursor? After,
    LeadStatus? Status,
    string? Source,
    string? Search);

public sealed record CustomerQuery(
    int Limit,
    ListCursor? After,
    CustomerStatus? Status,
    string? Search);

/// <summary>Lead listings, answered from the SQL read model that grain events keep current.</summary>
public interface ILeadDirectory
{
    Task<Page<Lead>> ListAsync(LeadQuery query, CancellationToken cancellationToken);
}

/// <summary>Customer listings, answered from the SQL read model that grain events keep current.</summary>
public interface ICustomerDirectory
{
    Task<Page<Customer>> ListAsync(CustomerQuery query, CancellationToken cancellationToken);
}

/// <summary>Whether the storage behind the service answers; used by the readiness probe.</summary>
public interface IStorageHealth
{
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}

using Orleans.Concurrency;

namespace ChronusCrm.Grains.Abstractions.Customers;

/// <summary>One customer, keyed by its id.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    Task<Customer?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the customer; called again it returns the existing one unchanged.</summary>
    Task<Customer> CreateAsync(NewCustomer customer, CancellationToken cancellationToken = default);

    /// <summary>Changes the customer; null when there is none.</summary>
    Task<Customer?> UpdateAsync(CustomerChanges changes, CancellationToken cancellationToken = default);
}

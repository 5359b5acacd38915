using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.Streams;
using ChronusCrm.Grains.Streams;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.Customers;

public sealed class CustomerState
{
    public Customer? Customer { get; set; }
}

public sealed partial class CustomerGrain(
    [PersistentState("customer")] IPersistentState<CustomerState> state,
    TimeProvider clock,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private string CustomerId => this.GetPrimaryKeyString();

    public Task<Customer?> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(state.State.Customer);

    public async Task<Customer> CreateAsync(NewCustomer customer, CancellationToken cancellationToken)
    {
        if (state.State.Customer is { } existing)
        {
            return existing;
        }

        var now = clock.GetUtcNow();
        var created = new Customer
        {
            Id = CustomerId,
            Name = customer.Name,
            Email = customer.Email,
            Company = customer.Company,
            Status = CustomerStatus.Active,
            LeadId = customer.LeadId,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };

        await SaveAsync(created);
        LogCreated(logger, CustomerId);
        return created;
    }

    private async Task SaveAsync(Customer customer)
    {
        state.State.Customer = customer;
        await state.WriteStateAsync();

        try
        {
            var stream = this.EntityStream<CustomerChanged>(ChronusStreams.Customers, CustomerId);
            await stream.OnNextAsync(new(customer));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPublishFailed(logger, exception, CustomerId, customer.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId} created")]
    private static partial void LogCreated(ILogger logger, string customerId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Customer {CustomerId} version {Version} saved but its event was not published; the repair pass will project it")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string customerId, long version);
}

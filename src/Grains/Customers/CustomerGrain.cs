using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.Inbox;
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
            Status = customer.Status,
            LeadId = customer.LeadId,
            Phone = customer.Phone,
            Instagram = customer.Instagram,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };

        await SaveAsync(created);
        LogCreated(logger, CustomerId);
        await ClaimIdentitiesAsync(created, cancellationToken);
        return created;
    }

    public async Task<Customer?> UpdateAsync(CustomerChanges changes, CancellationToken cancellationToken)
    {
        if (state.State.Customer is not { } customer)
        {
            return null;
        }

        var updated = customer with
        {
            Name = changes.Name ?? customer.Name,
            Email = changes.Email ?? customer.Email,
            Company = changes.Company ?? customer.Company,
            Phone = changes.Phone ?? customer.Phone,
            Instagram = changes.Instagram ?? customer.Instagram,
            Status = changes.Status ?? customer.Status,
        };
        if (updated == customer)
        {
            return customer;
        }

        updated = updated with { UpdatedAt = clock.GetUtcNow(), Version = customer.Version + 1 };
        await SaveAsync(updated);
        await ClaimIdentitiesAsync(updated, cancellationToken);
        return updated;
    }

    /// <summary>
    /// Makes the customer's phone and handle point at it, and links the conversations that already
    /// exist for them. An identity another customer claimed first stays with that customer.
    /// </summary>
    private async Task ClaimIdentitiesAsync(Customer customer, CancellationToken cancellationToken)
    {
        var reachable = new List<(string Kind, string Value, Platform[] Platforms)>();
        if (customer.Phone is { } phone)
        {
            reachable.Add((CustomerIdentity.Phone, phone, [Platform.Whatsapp, Platform.Sms]));
        }

        if (customer.Instagram is { } handle)
        {
            reachable.Add((CustomerIdentity.Instagram, handle, [Platform.Instagram]));
        }

        foreach (var (kind, value, platforms) in reachable)
        {
            var identity = GrainFactory.GetGrain<ICustomerIdentityGrain>(CustomerIdentity.Key(kind, value));
            if (await identity.ClaimAsync(CustomerId, cancellationToken) != CustomerId)
            {
                continue;
            }

            foreach (var platform in platforms)
            {
                var conversation = GrainFactory.GetGrain<IConversationGrain>(ConversationIds.For(platform, value));
                await conversation.LinkCustomerAsync(CustomerId, byHand: false, cancellationToken);
            }
        }
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

using ChronusCrm.Grains.Abstractions.Customers;

namespace ChronusCrm.Grains.Customers;

public sealed class CustomerIdentityState
{
    public string? CustomerId { get; set; }
}

public sealed class CustomerIdentityGrain(
    [PersistentState("identity")] IPersistentState<CustomerIdentityState> state) : Grain, ICustomerIdentityGrain
{
    public async Task<string> ClaimAsync(string customerId, CancellationToken cancellationToken)
    {
        if (state.State.CustomerId is { } holder)
        {
            return holder;
        }

        state.State.CustomerId = customerId;
        await state.WriteStateAsync();
        return customerId;
    }

    public Task<string?> GetCustomerIdAsync(CancellationToken cancellationToken) =>
        Task.FromResult(state.State.CustomerId);
}

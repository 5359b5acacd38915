using ChronusCrm.Grains.Abstractions.Streams;
using Orleans.Streams;

namespace ChronusCrm.Grains.ReadModel;

/// <summary>
/// Keeps the lead listing current from one partition of the lead stream. Delivery is at least
/// once and may repeat or reorder; the version guard in the upsert makes that harmless.
/// </summary>
[ImplicitStreamSubscription(ChronusStreams.Leads)]
public sealed class LeadProjectionGrain(LeadDirectory directory) : Grain, IGrainWithStringKey
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(ChronusStreams.Provider).GetStream<LeadChanged>(
            StreamId.Create(ChronusStreams.Leads, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((change, _) => directory.ProjectAsync(change.Lead, CancellationToken.None));
    }
}

/// <summary>Keeps the customer listing current from one partition of the customer stream.</summary>
[ImplicitStreamSubscription(ChronusStreams.Customers)]
public sealed class CustomerProjectionGrain(CustomerDirectory directory) : Grain, IGrainWithStringKey
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(ChronusStreams.Provider).GetStream<CustomerChanged>(
            StreamId.Create(ChronusStreams.Customers, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(
            (change, _) => directory.ProjectAsync(change.Customer, CancellationToken.None));
    }
}

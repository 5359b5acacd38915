namespace ChronusCrm.Grains.Abstractions.Inbox;

/// <summary>
/// The conversations that may have replies waiting for delivery, so that they are woken after a
/// restart or the loss of a silo. Keyed by "default".
/// </summary>
public interface IDeliveryRegistryGrain : IGrainWithStringKey
{
    public const string Key = "default";

    Task AddAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Wakes every registered conversation and forgets those with nothing left to send.</summary>
    Task WakeAllAsync(CancellationToken cancellationToken = default);
}

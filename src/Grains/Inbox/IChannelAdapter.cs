using ChronusCrm.Grains.Abstractions.Inbox;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// Delivers replies to the platform a conversation lives on. Adapters are registered in the
/// container; a conversation that none of them takes keeps its replies queued, and says so.
/// </summary>
public interface IChannelAdapter
{
    bool Delivers(Conversation conversation);

    Task<DeliveryOutcome> DeliverAsync(Conversation conversation, Message reply, CancellationToken cancellationToken);
}

/// <summary>
/// The outcome of one attempt; <see cref="Retry"/> when a later attempt may succeed, and the
/// platform's id of the sent message when it gave one (so that reading it back is recognised).
/// </summary>
public sealed record DeliveryOutcome(bool Sent, string? Detail, bool Retry, string? ExternalId = null);

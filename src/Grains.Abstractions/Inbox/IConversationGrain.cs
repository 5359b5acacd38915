using Orleans.Concurrency;

namespace ChronusCrm.Grains.Abstractions.Inbox;

/// <summary>
/// One conversation (platform and normalised sender), keyed by <see cref="ConversationIds.For"/>:
/// the single writer of its message order. Messages are acknowledged once durably logged.
/// </summary>
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Logs an incoming message and answers its sequence. A message whose external id was logged
    /// before answers the original ids, marked duplicate, and logs nothing.
    /// </summary>
    [AlwaysInterleave]
    Task<AppendResult> ReceiveAsync(IncomingMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Logs messages read from another system, in the order given, each once: one whose external id
    /// was logged before is skipped. Answers how many were new.
    /// </summary>
    Task<int> ImportAsync(IReadOnlyList<ImportedMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>Records that the conversation lives in AssistAI too, and which agent answers it.</summary>
    Task LinkAssistAiAsync(string assistAiConversationId, string? agentCode, CancellationToken cancellationToken = default);

    /// <summary>The conversation, or null when it has no messages yet.</summary>
    [AlwaysInterleave]
    Task<Conversation?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Logs a reply as outgoing and queues it for the platform's channel adapter, if any. An AI's
    /// reply is refused while a human holds the conversation or when its epoch is stale.
    /// </summary>
    Task<ReplyOutcome> ReplyAsync(OutgoingMessage reply, CancellationToken cancellationToken = default);

    /// <summary>Gives control to a human for a while; the epoch moves on when control changes hands.</summary>
    Task<Conversation?> TakeoverAsync(Takeover takeover, CancellationToken cancellationToken = default);

    /// <summary>Gives control back to the AI; a conversation the AI already holds stays as it is.</summary>
    Task<Conversation?> ReleaseAsync(CancellationToken cancellationToken = default);

    /// <summary>Wakes the conversation so that replies still waiting for delivery are tried again.</summary>
    /// <remarks>Answers whether replies are still waiting. Interleaves: it only arms a timer.</remarks>
    [AlwaysInterleave]
    Task<bool> ResumeDeliveriesAsync(CancellationToken cancellationToken = default);

    Task<Conversation?> UpdateAsync(ConversationChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Marks every message so far as read.</summary>
    Task<Conversation?> MarkReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Links the conversation to a customer. An automatic link (by phone or handle) never replaces
    /// one made by hand.
    /// </summary>
    Task<Conversation?> LinkCustomerAsync(
        string customerId,
        bool byHand,
        CancellationToken cancellationToken = default);
}

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

    /// <summary>Logs a reply as outgoing and hands it to the platform's channel adapter, if any.</summary>
    Task<Message?> ReplyAsync(OutgoingMessage reply, CancellationToken cancellationToken = default);

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

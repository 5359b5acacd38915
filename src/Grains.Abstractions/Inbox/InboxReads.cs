using ChronusCrm.Grains.Abstractions.ReadModel;

namespace ChronusCrm.Grains.Abstractions.Inbox;

/// <summary>One entry of the inbox's event feed, in the log's global order.</summary>
public sealed record FeedEntry(long Id, string Kind, string ConversationId, string Json);

/// <summary>Reads of the inbox log: a conversation's history, and the feed of everything after a point.</summary>
public interface IMessageHistory
{
    /// <summary>Up to <paramref name="limit"/> messages after (or before) a sequence, oldest first.</summary>
    Task<IReadOnlyList<Message>> ReadAsync(
        string conversationId,
        long? afterSequence,
        long? beforeSequence,
        int limit,
        CancellationToken cancellationToken);

    Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(
        long afterId,
        string? conversationId,
        int limit,
        CancellationToken cancellationToken);

    /// <summary>The id of the newest entry of the feed, 0 when it is empty.</summary>
    Task<long> LatestFeedIdAsync(CancellationToken cancellationToken);
}

public sealed record ConversationQuery(
    int Limit,
    ListCursor? After,
    ConversationStatus? Status,
    Platform? Platform,
    string? Assignee,
    string? CustomerId);

/// <summary>The inbox listing, answered from the read model that stream events keep current.</summary>
public interface IConversationDirectory
{
    Task<Page<Conversation>> ListAsync(ConversationQuery query, CancellationToken cancellationToken);

    /// <summary>How many conversations an AssistAI agent answers, by status.</summary>
    Task<IReadOnlyDictionary<ConversationStatus, int>> CountForAgentAsync(string agentCode, CancellationToken cancellationToken);
}

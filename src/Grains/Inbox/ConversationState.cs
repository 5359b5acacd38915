using ChronusCrm.Grains.Abstractions.Inbox;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// What a conversation grain persists: only what people change in the inbox. Everything that
/// follows from the messages (order, counts, preview) is read back from the log on activation,
/// so a message costs one log row and no state write.
/// </summary>
public sealed class ConversationState
{
    public ConversationStatus Status { get; set; } = ConversationStatus.Open;
    public string? Assignee { get; set; }
    public ConversationPriority Priority { get; set; } = ConversationPriority.Normal;
    public string? CustomerId { get; set; }
    public bool LinkedByHand { get; set; }
    public long ReadIncomingCount { get; set; }
    public long Version { get; set; }
    public string? AssistAiConversationId { get; set; }
    public string? AgentCode { get; set; }
}

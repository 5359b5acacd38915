using ChronusCrm.Grains.Abstractions.Inbox;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// What a conversation grain persists: only what people change in the inbox, who controls it, and
/// replies still on their way out. Everything that follows from the messages (order, counts,
/// preview) is read back from the log on activation, so a message costs one log row and no state write.
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

    public ConversationControl Control { get; set; }
    public string? ControlHolder { get; set; }
    public DateTimeOffset? ControlUntil { get; set; }
    public long ControlEpoch { get; set; } = 1;

    /// <summary>
    /// Replies logged but not yet delivered, oldest first. An entry is saved before its message is
    /// logged (with sequence 0), so a crash in between never leaves a logged reply undelivered.
    /// </summary>
    public List<Message> Outbox { get; set; } = [];

    /// <summary>
    /// Replies delivered to a platform that gave no id for them: when the platform later shows them
    /// back, they are recognised by their content rather than stored a second time.
    /// </summary>
    public List<Message> AwaitingEcho { get; set; } = [];
}

namespace ChronusCrm.Grains.Abstractions.Inbox;

/// <summary>A conversation as the inbox shows it.</summary>
[GenerateSerializer, Immutable, Alias("chronus.Conversation")]
public sealed record Conversation
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public Platform Platform { get; init; }

    /// <summary>The normalised sender: an E.164 number, or an Instagram handle or id.</summary>
    [Id(2)] public required string Sender { get; init; }

    [Id(3)] public string? DisplayName { get; init; }
    [Id(4)] public ConversationStatus Status { get; init; }
    [Id(5)] public string? Assignee { get; init; }
    [Id(6)] public ConversationPriority Priority { get; init; }
    [Id(7)] public string? CustomerId { get; init; }
    [Id(8)] public DateTimeOffset CreatedAt { get; init; }
    [Id(9)] public DateTimeOffset LastActivityAt { get; init; }
    [Id(10)] public long LastSequence { get; init; }
    [Id(11)] public string? Preview { get; init; }
    [Id(12)] public long UnreadCount { get; init; }

    /// <summary>Grows with every change of status, assignee, priority, link or read mark.</summary>
    [Id(13)] public long Version { get; init; }

    /// <summary>How many incoming messages there are, and how many of them were read.</summary>
    [Id(14)] public long IncomingCount { get; init; }
    [Id(15)] public long ReadIncomingCount { get; init; }

    /// <summary>For a conversation that lives in AssistAI: its id there, and the agent answering it.</summary>
    [Id(16)] public string? AssistAiConversationId { get; init; }
    [Id(17)] public string? AgentCode { get; init; }

    /// <summary>Who answers: the AI agent, or a human until <see cref="ControlUntil"/>.</summary>
    [Id(18)] public ConversationControl Control { get; init; }
    [Id(19)] public string? ControlHolder { get; init; }
    [Id(20)] public DateTimeOffset? ControlUntil { get; init; }

    /// <summary>
    /// Grows at every change of control. An AI reply carries the epoch it was written under and is
    /// refused once the epoch has moved on, so a reply written before a takeover never goes out after it.
    /// </summary>
    [Id(21)] public long ControlEpoch { get; init; }

    /// <summary>
    /// The conversation as it stands at <paramref name="now"/>: a human's control that has run out
    /// is the AI's again, one epoch later. Stored copies (the read model) are read through this.
    /// </summary>
    public Conversation AsOf(DateTimeOffset now) =>
        Control == ConversationControl.Human && ControlUntil is { } until && until <= now
            ? this with { Control = ConversationControl.Ai, ControlHolder = null, ControlUntil = null, ControlEpoch = ControlEpoch + 1 }
            : this;
}

public enum ConversationControl
{
    Ai,
    Human,
}

/// <summary>A change made in the inbox; null members stay as they are.</summary>
[GenerateSerializer, Alias("chronus.ConversationChanges")]
public sealed record ConversationChanges
{
    [Id(0)] public ConversationStatus? Status { get; init; }
    [Id(1)] public string? Assignee { get; init; }
    [Id(2)] public bool ClearAssignee { get; init; }
    [Id(3)] public ConversationPriority? Priority { get; init; }
}

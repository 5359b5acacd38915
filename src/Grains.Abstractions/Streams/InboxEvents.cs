using ChronusCrm.Grains.Abstractions.Inbox;

namespace ChronusCrm.Grains.Abstractions.Streams;

/// <summary>
/// Something happened in a conversation: messages were logged (<see cref="Messages"/> holds them),
/// or its status, assignee, priority, customer or read mark changed (no messages). Either way the
/// event carries the conversation as it stands after the change.
/// </summary>
[GenerateSerializer, Immutable, Alias("chronus.ConversationEvent")]
public sealed record ConversationEvent(
    [property: Id(0)] Conversation Conversation,
    [property: Id(1)] IReadOnlyList<Message> Messages);

/// <summary>
/// The conversation events of one stream partition gathered over a few milliseconds: one stream
/// item per batch keeps the cost of fan-out from growing with every single message.
/// </summary>
[GenerateSerializer, Immutable, Alias("chronus.ConversationEvents")]
public sealed record ConversationEvents([property: Id(0)] IReadOnlyList<ConversationEvent> Events);

namespace ChronusCrm.Grains.Abstractions.Inbox;

/// <summary>
/// One message of a conversation, at its place in the conversation's order. Like every record on
/// the hot path it is immutable, so Orleans hands it between grains of one silo without a copy.
/// </summary>
[GenerateSerializer, Immutable, Alias("chronus.Message")]
public sealed record Message
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string ConversationId { get; init; }

    /// <summary>1, 2, 3, ... within the conversation, without gaps, in the order accepted.</summary>
    [Id(2)] public long Sequence { get; init; }

    [Id(3)] public MessageDirection Direction { get; init; }
    [Id(4)] public MessageAuthor Author { get; init; }
    [Id(5)] public string? AuthorName { get; init; }
    [Id(6)] public required string Content { get; init; }

    /// <summary>The platform's own id of the message, which makes a provider's retry recognisable.</summary>
    [Id(7)] public string? ExternalId { get; init; }

    [Id(8)] public string? MediaUrl { get; init; }
    [Id(9)] public string? MediaType { get; init; }

    /// <summary>When the platform says the message was sent, if it says.</summary>
    [Id(10)] public DateTimeOffset? SentAt { get; init; }

    /// <summary>When ChronusCRM accepted it.</summary>
    [Id(11)] public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>For outgoing messages: queued, sent or failed, and why it failed or still waits.</summary>
    [Id(12)] public DeliveryStatus? Delivery { get; init; }
    [Id(13)] public string? DeliveryDetail { get; init; }
    [Id(14)] public int DeliveryAttempts { get; init; }

    /// <summary>The platform of the conversation, and the customer's address on it.</summary>
    [Id(15)] public Platform Platform { get; init; }
    [Id(16)] public required string Participant { get; init; }

    /// <summary>For a queued reply whose last attempt failed: when the next attempt is due.</summary>
    [Id(17)] public DateTimeOffset? NextDeliveryAt { get; init; }

    /// <summary>For a reply: who sent it (an API key id), as the platform is told.</summary>
    [Id(18)] public string? SenderId { get; init; }
}

/// <summary>A message as a platform pushed it, sender already normalised.</summary>
[GenerateSerializer, Immutable, Alias("chronus.IncomingMessage")]
public sealed record IncomingMessage
{
    [Id(0)] public Platform Platform { get; init; }
    [Id(1)] public required string Sender { get; init; }
    [Id(2)] public string? SenderName { get; init; }
    [Id(3)] public required string Content { get; init; }
    [Id(4)] public string? ExternalId { get; init; }
    [Id(5)] public DateTimeOffset? SentAt { get; init; }
    [Id(6)] public string? MediaUrl { get; init; }
    [Id(7)] public string? MediaType { get; init; }
}

/// <summary>A message read from another system (AssistAI), written by the customer, an AI agent or a human.</summary>
[GenerateSerializer, Alias("chronus.ImportedMessage")]
public sealed record ImportedMessage
{
    [Id(0)] public Platform Platform { get; init; }
    [Id(1)] public required string Participant { get; init; }
    [Id(2)] public required string ExternalId { get; init; }
    [Id(3)] public MessageDirection Direction { get; init; }
    [Id(4)] public MessageAuthor Author { get; init; }
    [Id(5)] public string? AuthorName { get; init; }
    [Id(6)] public required string Content { get; init; }
    [Id(7)] public DateTimeOffset? SentAt { get; init; }
    [Id(8)] public string? MediaUrl { get; init; }
    [Id(9)] public string? MediaType { get; init; }
}

/// <summary>A reply written in the inbox by a person (or an AI agent), to be delivered to the platform.</summary>
[GenerateSerializer, Alias("chronus.OutgoingMessage")]
public sealed record OutgoingMessage
{
    [Id(0)] public required string Content { get; init; }
    [Id(1)] public MessageAuthor Author { get; init; } = MessageAuthor.Human;
    [Id(2)] public string? AuthorName { get; init; }
    [Id(3)] public string? MediaUrl { get; init; }
    [Id(4)] public string? MediaType { get; init; }

    /// <summary>For an AI's reply: the control epoch it was written under (see <see cref="Conversation.ControlEpoch"/>).</summary>
    [Id(5)] public long? ControlEpoch { get; init; }

    /// <summary>Who sent it, as the platform should be told (an API key id); never shown to the customer.</summary>
    [Id(6)] public string? SenderId { get; init; }
}

/// <summary>What became of a reply: logged, or refused and why; both null when the conversation does not exist.</summary>
[GenerateSerializer, Alias("chronus.ReplyOutcome")]
public sealed record ReplyOutcome(
    [property: Id(0)] Message? Message,
    [property: Id(1)] string? Refusal);

/// <summary>A human taking a conversation over from the AI, until a moment or a release.</summary>
[GenerateSerializer, Alias("chronus.Takeover")]
public sealed record Takeover(
    [property: Id(0)] string Holder,
    [property: Id(1)] TimeSpan Duration);

/// <summary>Where an accepted message landed; <see cref="Duplicate"/> when it had been accepted before.</summary>
[GenerateSerializer, Immutable, Alias("chronus.AppendResult")]
public sealed record AppendResult(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] bool Duplicate);

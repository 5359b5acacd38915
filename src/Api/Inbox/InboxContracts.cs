using System.ComponentModel.DataAnnotations;
using ChronusCrm.Api.Validation;

namespace ChronusCrm.Api.Inbox;

public static class InboxLimits
{
    /// <summary>Longer than any chat platform allows in one message.</summary>
    public const int Content = 4096;
    public const long BodyBytes = 64 * 1024;

    /// <summary>A week: a takeover is for a person at work, not a permanent switch.</summary>
    public const int LongestTakeoverMinutes = 7 * 24 * 60;
    public const int DefaultTakeoverMinutes = 30;
}

/// <summary>A message pushed by a chat platform (the seed's payload and what platforms add to it).</summary>
public sealed record IncomingMessageRequest
{
    [Required(ErrorMessage = Rules.Required)]
    [StringLength(100, ErrorMessage = Rules.MaxLength)]
    public string? From { get; init; }

    /// <summary>Bounded by <see cref="InboxLimits.Content"/>; a longer one is refused with 413.</summary>
    [Required(ErrorMessage = Rules.Required)]
    public string? Content { get; init; }

    /// <summary>whatsapp, instagram or sms.</summary>
    [Required(ErrorMessage = Rules.Required)]
    public string? Platform { get; init; }

    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? ExternalId { get; init; }

    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? Name { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    [StringLength(2048, ErrorMessage = Rules.MaxLength)]
    [WebLinkRule]
    public string? MediaUrl { get; init; }

    [StringLength(100, ErrorMessage = Rules.MaxLength)]
    public string? MediaType { get; init; }
}

public sealed record MessageAccepted(string MessageId, string ConversationId, long Sequence)
{
    /// <summary>True when the message had been received before and nothing new was stored.</summary>
    public bool? Duplicate { get; init; }
}

public sealed record ReplyRequest
{
    [Required(ErrorMessage = Rules.Required)]
    public string? Content { get; init; }

    /// <summary>human (the default) or ai_agent; an AI's reply must carry <see cref="ControlEpoch"/>.</summary>
    public string? Author { get; init; }

    /// <summary>For an AI's reply: the control epoch of the conversation it was written under.</summary>
    public long? ControlEpoch { get; init; }

    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? AuthorName { get; init; }

    [StringLength(2048, ErrorMessage = Rules.MaxLength)]
    [WebLinkRule]
    public string? MediaUrl { get; init; }

    [StringLength(100, ErrorMessage = Rules.MaxLength)]
    public string? MediaType { get; init; }
}

public sealed record ConversationPatch
{
    /// <summary>open, pending, resolved or snoozed.</summary>
    public string? Status { get; init; }

    /// <summary>Who handles the conversation; an empty string unassigns it.</summary>
    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? Assignee { get; init; }

    /// <summary>low, normal, high or urgent.</summary>
    public string? Priority { get; init; }
}

public sealed record TakeoverRequest
{
    /// <summary>How long the human holds the conversation, in minutes (fractions allowed); 30 when not given.</summary>
    [Range(0.1, InboxLimits.LongestTakeoverMinutes, ErrorMessage = Rules.NonNegativeAmount)]
    public double? DurationMinutes { get; init; }

    /// <summary>Who takes over; the calling API key when not given.</summary>
    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? Holder { get; init; }
}

public sealed record LinkRequest
{
    [Required(ErrorMessage = Rules.Required)]
    [StringLength(64, ErrorMessage = Rules.MaxLength)]
    public string? CustomerId { get; init; }
}

public sealed record ConversationView(
    string Id,
    string Platform,
    string Sender,
    string? DisplayName,
    string Status,
    string? Assignee,
    string Priority,
    string? CustomerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    long LastSequence,
    string? Preview,
    long UnreadCount)
{
    /// <summary>For a conversation that AssistAI's agents answer: the agent, and the id there.</summary>
    public string? AgentCode { get; init; }

    public string? AssistAiConversationId { get; init; }

    /// <summary>ai or human: who answers the customer now.</summary>
    public string Control { get; init; } = "ai";

    public string? ControlHolder { get; init; }
    public DateTimeOffset? ControlUntil { get; init; }

    /// <summary>Grows at each change of control; an AI's reply must name the current one.</summary>
    public long ControlEpoch { get; init; }
}

public sealed record DeliveryView(string Status, string? Detail, int Attempts, DateTimeOffset? NextAttemptAt);

public sealed record MessageView(
    string Id,
    string ConversationId,
    long Sequence,
    string Direction,
    string Author,
    string? AuthorName,
    string Content,
    string? ExternalId,
    string? MediaUrl,
    string? MediaType,
    DateTimeOffset? SentAt,
    DateTimeOffset ReceivedAt,
    DeliveryView? Delivery);

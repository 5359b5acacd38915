using System.ComponentModel.DataAnnotations;
using ChronusCrm.Api.Validation;

namespace ChronusCrm.Api.Inbox;

public static class InboxLimits
{
    /// <summary>Longer than any chat platform allows in one message.</summary>
    public const int Content = 4096;
    public const long BodyBytes = 64 * 1024;
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

    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? AuthorName { get; init; }

    [StringLength(2048, ErrorMessage = Rules.MaxLength)]
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
}

public sealed record DeliveryView(string Status, string? Detail, int Attempts);

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

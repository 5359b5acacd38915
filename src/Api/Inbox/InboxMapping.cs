using System.Text.Json;
using ChronusCrm.Api.Validation;
using ChronusCrm.Grains.Abstractions.Inbox;

namespace ChronusCrm.Api.Inbox;

/// <summary>The inbox speaks lower-case words (whatsapp, open, ai_agent); the grains speak enums.</summary>
public static class InboxMapping
{
    public static string Text<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Words<TEnum>.Of.TryGetValue(value, out var word) ? word : Word(value);

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var wanted = text.Trim();
        foreach (var (candidate, word) in Words<TEnum>.InOrder)
        {
            if (string.Equals(word, wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads an optional enum field; a value that is none of the names is noted as a violation.</summary>
    public static TEnum? ParseOptional<TEnum>(string? text, string field, List<FieldViolation> violations)
        where TEnum : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        if (TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        violations.Add(new FieldViolation(field, "oneOf", $"{field} must be one of {Names<TEnum>()}"));
        return null;
    }

    public static string Names<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Words<TEnum>.InOrder.Select(pair => pair.Word));

    private static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>
    /// Each enum's words, worked out once: every message names its platform, and every listed
    /// conversation its platform, status and priority.
    /// </summary>
    private static class Words<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly (TEnum Value, string Word)[] InOrder =
            [.. Enum.GetValues<TEnum>().Select(value => (value, Word(value)))];

        public static readonly IReadOnlyDictionary<TEnum, string> Of =
            InOrder.ToDictionary(pair => pair.Value, pair => pair.Word);
    }

    /// <summary>The conversation as it stands now: a stored copy may hold a takeover that has run out.</summary>
    public static ConversationView ToView(Conversation stored) => ToView(stored.AsOf(DateTimeOffset.UtcNow), 0);

    private static ConversationView ToView(Conversation c, int _) => new(
        c.Id,
        Text(c.Platform),
        c.Sender,
        c.DisplayName,
        Text(c.Status),
        c.Assignee,
        Text(c.Priority),
        c.CustomerId,
        c.CreatedAt,
        c.LastActivityAt,
        c.LastSequence,
        c.Preview,
        c.UnreadCount)
    {
        AgentCode = c.AgentCode,
        AssistAiConversationId = c.AssistAiConversationId,
        Control = Text(c.Control),
        ControlHolder = c.ControlHolder,
        ControlUntil = c.ControlUntil,
        ControlEpoch = c.ControlEpoch,
    };

    public static MessageView ToView(Message m) => new(
        m.Id,
        m.ConversationId,
        m.Sequence,
        Text(m.Direction),
        Text(m.Author),
        m.AuthorName,
        m.Content,
        m.ExternalId,
        m.MediaUrl,
        m.MediaType,
        m.SentAt,
        m.ReceivedAt,
        m.Delivery is { } status ? new DeliveryView(Text(status), m.DeliveryDetail, m.DeliveryAttempts, m.NextDeliveryAt) : null);
}

using System.Text.Json;
using ChronusCrm.Grains.Abstractions.Inbox;

namespace ChronusCrm.Grains.AssistAi;

/// <summary>A conversation as AssistAI lists it, whichever of its known shapes it came in.</summary>
public sealed record RemoteConversation(
    string Uuid,
    string? Title,
    string? Channel,
    string? ContactPhone,
    string? ContactName,
    string? AgentCode,
    DateTimeOffset? UpdatedAt)
{
    public static RemoteConversation? From(JsonElement item)
    {
        if (AssistAiJson.String(item, "uuid", "id") is not { } uuid)
        {
            return null;
        }

        var customer = item.TryGetProperty("customer", out var c) ? c : default;
        var guest = item.TryGetProperty("guest", out var g) ? g : default;
        return new RemoteConversation(
            uuid,
            AssistAiJson.String(item, "title"),
            AssistAiJson.String(item, "channel", "platform", "source")?.ToLowerInvariant(),
            AssistAiJson.String(item, "contactPhone") ?? AssistAiJson.String(customer, "phone"),
            AssistAiJson.String(customer, "name") ?? AssistAiJson.String(guest, "name"),
            AssistAiJson.String(item, "agentCode"),
            AssistAiJson.Time(item, "updatedAt", "lastMessageDate", "createdAt"));
    }
}

/// <summary>
/// A message as AssistAI gives it: sender or role, timestamp or createdAt. Its author is the
/// customer (user), a human (an intervention, or a human role), or else the AI agent.
/// </summary>
public sealed record RemoteMessage(
    string Id,
    MessageAuthor Author,
    string Content,
    DateTimeOffset? SentAt,
    string? MediaUrl,
    string? MediaType,
    string? AuthorName)
{
    public static RemoteMessage? From(JsonElement item)
    {
        if (AssistAiJson.String(item, "id", "uuid") is not { } id)
        {
            return null;
        }

        var metadata = item.TryGetProperty("senderMetadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        return new RemoteMessage(
            id,
            AuthorOf(item, metadata),
            AssistAiJson.String(item, "content", "text") ?? "",
            AssistAiJson.Time(item, "timestamp", "createdAt"),
            AssistAiJson.String(item, "mediaUrl"),
            AssistAiJson.String(item, "mediaType"),
            NameOf(metadata));
    }

    private static MessageAuthor AuthorOf(JsonElement item, JsonElement metadata)
    {
        var sender = AssistAiJson.String(item, "sender", "role")?.ToLowerInvariant();
        if (sender is "user" or "customer" or "contact")
        {
            return MessageAuthor.Customer;
        }

        var intervention = item.TryGetProperty("intervention", out var flag) && flag.ValueKind == JsonValueKind.True;
        return intervention || sender is "human" or "operator" or "intervention" || metadata.ValueKind == JsonValueKind.Object
            ? MessageAuthor.Human
            : MessageAuthor.AiAgent;
    }

    private static string? NameOf(JsonElement metadata)
    {
        var name = $"{AssistAiJson.String(metadata, "firstname")} {AssistAiJson.String(metadata, "lastname")}".Trim();
        return name.Length > 0 ? name : null;
    }
}

using System.Text.Json;

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

/// <summary>A message as AssistAI gives it: sender or role, timestamp or createdAt.</summary>
public sealed record RemoteMessage(
    string Id,
    bool FromCustomer,
    string Content,
    DateTimeOffset? SentAt,
    string? MediaUrl,
    string? MediaType)
{
    public static RemoteMessage? From(JsonElement item)
    {
        if (AssistAiJson.String(item, "id", "uuid") is not { } id)
        {
            return null;
        }

        var sender = AssistAiJson.String(item, "sender", "role")?.ToLowerInvariant();
        return new RemoteMessage(
            id,
            sender is "user" or "customer" or "contact",
            AssistAiJson.String(item, "content", "text") ?? "",
            AssistAiJson.Time(item, "timestamp", "createdAt"),
            AssistAiJson.String(item, "mediaUrl"),
            AssistAiJson.String(item, "mediaType"));
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.AssistAi;

/// <summary>Seeds the simulator and reads the inbox, for the AssistAI tests.</summary>
public sealed class AssistAiScenario(HttpClient simulator, HttpClient chronus)
{
    /// <summary>A WhatsApp conversation in AssistAI, its messages alternating customer and agent.</summary>
    public async Task<(string Uuid, string Phone, string ConversationId)> SeedAsync(int variant, params string[] contents)
    {
        var uuid = Guid.NewGuid().ToString();
        var phone = Inbox.InboxApiTests.UniquePhone();
        (await simulator.PostAsJsonAsync("/_sim/conversations", new
        {
            uuid,
            title = "Support",
            channel = "whatsapp",
            contactPhone = phone[1..],
            agentCode = "AGENT1",
            variant,
        })).EnsureSuccessStatusCode();
        for (var i = 0; i < contents.Length; i++)
        {
            await AddMessageAsync(uuid, i % 2 == 0 ? "user" : "agent", contents[i]);
        }

        return (uuid, phone, ConversationIds.For(Platform.Whatsapp, phone));
    }

    /// <summary>Seeds a conversation and syncs it into the inbox.</summary>
    public async Task<(string Uuid, string ConversationId)> SyncedAsync(params string[] contents)
    {
        var (uuid, _, id) = await SeedAsync(0, contents);
        await SyncAsync();
        return (uuid, id);
    }

    /// <summary>
    /// Runs a sync until one succeeds: an earlier test's faults may have opened the client's circuit
    /// breaker, which then refuses calls for a few seconds, as it should.
    /// </summary>
    public async Task SyncAsync()
    {
        var status = await Http.EventuallyAsync(
            async () => await (await chronus.PostAsync("/assistai/sync", null)).ReadJsonAsync(),
            s => s["lastError"] is null,
            seconds: 45);
        Assert.True(status["lastError"] is null, status.ToJsonString());
    }

    public async Task AddMessageAsync(string uuid, string sender, string content) =>
        (await simulator.PostAsJsonAsync($"/_sim/conversations/{uuid}/messages", new
        {
            id = Guid.NewGuid().ToString("N"),
            sender,
            content,
            timestamp = DateTimeOffset.UtcNow,
        })).EnsureSuccessStatusCode();

    public async Task FaultAsync(int status, int times, int delayMilliseconds = 0, int? retryAfterSeconds = null) =>
        (await simulator.PostAsJsonAsync($"/_sim/faults?times={times}", new { status, delayMilliseconds, retryAfterSeconds }))
            .EnsureSuccessStatusCode();

    /// <summary>What reached AssistAI through POST /conversations/{uuid}/messages, in order.</summary>
    public async Task<List<JsonNode>> SentAsync(string uuid)
    {
        var sent = (await simulator.GetFromJsonAsync<JsonArray>("/_sim/sent"))!;
        return [.. sent.Where(m => m!.Str("conversationUuid") == uuid).Select(m => m!)];
    }

    public Task<JsonArray> MessagesAsync(string conversationId) =>
        chronus.GetArrayAsync($"/conversations/{conversationId}/messages?limit=200");

    /// <summary>Waits until the message at this sequence satisfies the condition, and answers it.</summary>
    public async Task<JsonNode> MessageWhenAsync(string conversationId, long sequence, Func<JsonNode, bool> condition, int seconds = 30)
    {
        var messages = await Http.EventuallyAsync(
            () => chronus.GetArrayAsync($"/conversations/{conversationId}/messages?after={sequence - 1}&limit=1"),
            page => page.Count == 1 && condition(page[0]!),
            seconds);
        return messages[0]!;
    }

    public static string? DeliveryStatus(JsonNode message) => message["delivery"]?["status"]?.GetValue<string>();

    public static int Attempts(JsonNode message) => message["delivery"]?["attempts"]?.GetValue<int>() ?? 0;
}

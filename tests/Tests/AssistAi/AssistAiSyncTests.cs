using System.Net.Http.Json;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.AssistAi;

/// <summary>Smart sync: AssistAI's conversations become ordinary inbox conversations, incrementally and once.</summary>
[Collection(AssistAiCollection.Name)]
public sealed class AssistAiSyncTests(AssistAiFixture fixture)
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task Conversations_in_both_shapes_arrive_in_the_inbox_with_their_authors_and_agent()
    {
        var documented = await SeedConversationAsync(variant: 0, "Hi, do you ship to Lima?", "Yes, we do!");
        var observed = await SeedConversationAsync(variant: 1, "Precio?", "Son 20 USD.", "Gracias");

        await new AssistAiScenario(fixture.Simulator, _client).SyncAsync();

        var first = await MessagesAsync(documented.Phone);
        Assert.Equal(["Hi, do you ship to Lima?", "Yes, we do!"], first.Select(m => m.Content));
        Assert.Equal(["customer", "ai_agent"], first.Select(m => m.Author));
        Assert.Equal(["incoming", "outgoing"], first.Select(m => m.Direction));

        var second = await MessagesAsync(observed.Phone);
        Assert.Equal(["Precio?", "Son 20 USD.", "Gracias"], second.Select(m => m.Content));

        var conversation = await ConversationAsync(documented.Phone);
        Assert.Equal("AGENT1", conversation.Str("agentCode"));
        Assert.Equal(documented.Uuid, conversation.Str("assistAiConversationId"));
        Assert.Equal("whatsapp", conversation.Str("platform"));
    }

    [Fact]
    public async Task A_second_run_imports_only_what_is_new_and_a_repeat_imports_nothing()
    {
        var seeded = await SeedConversationAsync(variant: 0, "one", "two");
        await new AssistAiScenario(fixture.Simulator, _client).SyncAsync();

        await AddMessageAsync(seeded.Uuid, "user", "three");
        var again = await (await _client.PostAsync("/assistai/sync", null)).ReadJsonAsync();
        var repeat = await (await _client.PostAsync("/assistai/sync", null)).ReadJsonAsync();

        Assert.Equal(1, again["messagesImported"]!.GetValue<int>());
        Assert.Equal(0, repeat["messagesImported"]!.GetValue<int>());
        var messages = await MessagesAsync(seeded.Phone);
        Assert.Equal(["one", "two", "three"], messages.Select(m => m.Content));
        Assert.Equal([1L, 2L, 3L], messages.Select(m => m.Sequence));
    }

    [Fact]
    public async Task A_webhook_message_and_an_assistai_conversation_of_one_phone_share_a_conversation()
    {
        var seeded = await SeedConversationAsync(variant: 0, "from assistai");
        await _client.PostJsonAsync("/webhooks/messages/incoming", new { from = seeded.Phone, content = "from the webhook", platform = "whatsapp" });

        await new AssistAiScenario(fixture.Simulator, _client).SyncAsync();

        var messages = await MessagesAsync(seeded.Phone);
        Assert.Equal(["from the webhook", "from assistai"], messages.Select(m => m.Content));
    }

    [Fact]
    public async Task A_failing_run_is_reported_with_assistai_status_and_the_next_one_recovers()
    {
        var seeded = await SeedConversationAsync(variant: 0, "after the outage");
        var before = await (await _client.GetAsync("/assistai/sync")).ReadJsonAsync();
        (await fixture.Simulator.PostAsJsonAsync("/_sim/faults?times=4", new { status = 500, delayMilliseconds = 0 }))
            .EnsureSuccessStatusCode();

        var failed = await (await _client.PostAsync("/assistai/sync", null)).ReadJsonAsync();
        var recovered = await (await _client.PostAsync("/assistai/sync", null)).ReadJsonAsync();

        Assert.Equal(500, failed["lastErrorStatus"]!.GetValue<int>());
        Assert.Equal(before["lastSuccessAt"]?.ToJsonString(), failed["lastSuccessAt"]?.ToJsonString());
        Assert.NotEqual(failed["lastSuccessAt"]?.ToJsonString(), recovered["lastSuccessAt"]?.ToJsonString());
        Assert.Equal(["after the outage"], (await MessagesAsync(seeded.Phone)).Select(m => m.Content));
    }

    private async Task<(string Uuid, string Phone)> SeedConversationAsync(int variant, params string[] contents)
    {
        var uuid = Guid.NewGuid().ToString();
        var phone = Inbox.InboxApiTests.UniquePhone();
        (await fixture.Simulator.PostAsJsonAsync("/_sim/conversations", new
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

        return (uuid, phone);
    }

    private async Task AddMessageAsync(string uuid, string sender, string content) =>
        (await fixture.Simulator.PostAsJsonAsync($"/_sim/conversations/{uuid}/messages", new
        {
            id = Guid.NewGuid().ToString("N"),
            sender,
            content,
            timestamp = DateTimeOffset.UtcNow,
        })).EnsureSuccessStatusCode();

    private async Task<System.Text.Json.Nodes.JsonNode> ConversationAsync(string phone)
    {
        var accepted = await _client.GetArrayAsync("/conversations?platform=whatsapp&limit=200");
        var id = accepted.Single(c => c!.Str("sender") == phone)!.Str("id");
        return await (await _client.GetAsync($"/conversations/{id}")).ReadJsonAsync();
    }

    private async Task<List<(string Content, string Author, string Direction, long Sequence)>> MessagesAsync(string phone)
    {
        var listed = await Http.EventuallyAsync(
            () => _client.GetArrayAsync("/conversations?platform=whatsapp&limit=200"),
            list => list.Any(c => c!.Str("sender") == phone));
        var id = listed.Single(c => c!.Str("sender") == phone)!.Str("id");
        var messages = await _client.GetArrayAsync($"/conversations/{id}/messages?limit=200");
        return [.. messages.Select(m => (m!.Str("content"), m!.Str("author"), m!.Str("direction"), m!["sequence"]!.GetValue<long>()))];
    }
}

using System.Net;
using System.Net.Http.Json;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.AssistAi;

/// <summary>A slow or silent AssistAI is reported, and never holds up the CRM's own work.</summary>
[Collection(AssistAiCollection.Name)]
public sealed class AssistAiIsolationTests(AssistAiFixture fixture)
{
    private HttpClient Client => fixture.Server.Client;

    private AssistAiScenario Scenario => new(fixture.Simulator, Client);

    [Fact]
    public async Task An_assistai_that_does_not_answer_in_time_is_reported_as_a_failed_sync()
    {
        await Scenario.SeedAsync(0, "waiting");
        await Scenario.FaultAsync(status: 200, times: 4, delayMilliseconds: 3000);

        var status = await (await Client.PostAsync("/assistai/sync", null)).ReadJsonAsync();

        Assert.Contains("did not answer", status.Str("lastError"), StringComparison.Ordinal);
        Assert.Null(status["lastErrorStatus"]);
        (await fixture.Simulator.PostAsync("/_sim/faults/clear", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Webhooks_and_reads_are_answered_while_a_sync_waits_on_a_hanging_assistai()
    {
        await Scenario.SeedAsync(0, "slow");
        await Scenario.FaultAsync(status: 200, times: 6, delayMilliseconds: 3000);
        var sync = Client.PostAsync("/assistai/sync", null);
        await Http.EventuallyAsync(
            async () => await (await Client.GetAsync("/assistai/sync")).ReadJsonAsync(),
            s => s["running"]!.GetValue<bool>());

        var pushes = Enumerable.Range(0, 20).Select(i => Client.PostJsonAsync("/webhooks/messages/incoming", new
        {
            from = Inbox.InboxApiTests.UniquePhone(),
            content = $"message {i}",
            platform = "whatsapp",
        }));
        var answers = await Task.WhenAll(pushes);
        var leads = await Client.GetAsync("/leads");
        var stillRunning = (await (await Client.GetAsync("/assistai/sync")).ReadJsonAsync())["running"]!.GetValue<bool>();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(HttpStatusCode.OK, leads.StatusCode);
        Assert.True(stillRunning, "the CRM's calls were answered only after AssistAI's calls ended");
        await sync;
        (await fixture.Simulator.PostAsync("/_sim/faults/clear", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task An_agent_shows_how_many_inbox_conversations_it_answers()
    {
        var agent = $"CNT{Guid.NewGuid():N}"[..12];
        (await fixture.Simulator.PostAsJsonAsync("/_sim/agents", new[]
        {
            new { code = agent, name = "Counter", model = "gpt-sim", description = "counts", createdAt = DateTimeOffset.UtcNow },
        })).EnsureSuccessStatusCode();
        await Http.EventuallyAsync(() => Client.GetAsync("/assistai/agents"), r => r.IsSuccessStatusCode, seconds: 45);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var uuid = Guid.NewGuid().ToString();
            var phone = Inbox.InboxApiTests.UniquePhone();
            (await fixture.Simulator.PostAsJsonAsync("/_sim/conversations", new
            {
                uuid, title = "t", channel = "whatsapp", contactPhone = phone[1..], agentCode = agent, variant = 0,
            })).EnsureSuccessStatusCode();
            await Scenario.AddMessageAsync(uuid, "user", "hello");
            ids.Add(ConversationIds.For(Platform.Whatsapp, phone));
        }

        await Scenario.SyncAsync();
        await Client.PatchJsonAsync($"/conversations/{ids[0]}", new { status = "resolved" });

        // The listing behind the counts is fed per stream partition, each on its own flush, so
        // the three conversations and the status change may arrive in any order.
        var counted = await Http.EventuallyAsync(
            async () => await (await Client.GetAsync($"/assistai/agents/{agent}")).ReadJsonAsync(),
            a => a["conversations"]?["resolved"]?.GetValue<int>() == 1
                && a["conversations"]?["total"]?.GetValue<int>() == 3);
        Assert.True(3 == counted["conversations"]?["total"]?.GetValue<int>(), counted.ToJsonString());
        Assert.Equal(2, counted["conversations"]!["open"]!.GetValue<int>());
    }
}

using System.Net;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.AssistAi;

/// <summary>A human's reply in an AssistAI conversation goes out through AssistAI, once, and survives its outages.</summary>
[Collection(AssistAiCollection.Name)]
public sealed class AssistAiReplyTests(AssistAiFixture fixture)
{
    private HttpClient Client => fixture.Server.Client;

    private AssistAiScenario Scenario => new(fixture.Simulator, Client);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_human_reply_goes_out_as_an_intervention_and_is_recognised_when_read_back(bool assistAiAnswersId)
    {
        await fixture.Simulator.PostAsync($"/_sim/send-answers-id?value={assistAiAnswersId}", null);
        var (uuid, id) = await Scenario.SyncedAsync("Hola, ¿tienen stock?");

        var reply = await Client.PostJsonAsync($"/conversations/{id}/messages", new
        {
            content = "Soy María, te ayudo yo.",
            authorName = "María López",
        });

        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        var sequence = (await reply.ReadJsonAsync())["sequence"]!.GetValue<long>();
        var sent = await Scenario.MessageWhenAsync(id, sequence, m => AssistAiScenario.DeliveryStatus(m) == "sent");
        var onAssistAi = Assert.Single(await Scenario.SentAsync(uuid));
        Assert.True(onAssistAi["intervention"]!.GetValue<bool>());
        Assert.Equal("human", onAssistAi.Str("senderRole"));
        Assert.Equal("Soy María, te ayudo yo.", onAssistAi.Str("content"));

        await AddCustomerAnswerAndSyncAsync(uuid, "¡Gracias!");
        var messages = await Scenario.MessagesAsync(id);
        Assert.Equal(["Hola, ¿tienen stock?", "Soy María, te ayudo yo.", "¡Gracias!"], messages.Select(m => m!.Str("content")));
        Assert.Equal(["customer", "human", "customer"], messages.Select(m => m!.Str("author")));
        Assert.Equal($"assistai:{onAssistAi.Str("id")}", messages[1]!.Str("externalId"));
        Assert.Equal(AssistAiScenario.DeliveryStatus(sent), AssistAiScenario.DeliveryStatus(messages[1]!));
        await fixture.Simulator.PostAsync("/_sim/send-answers-id?value=true", null);
    }

    [Fact]
    public async Task A_failed_send_stays_queued_with_its_reason_and_is_retried_in_order_until_sent()
    {
        var (uuid, id) = await Scenario.SyncedAsync("¿Me llaman?");
        await Scenario.FaultAsync(status: 503, times: 2);

        var first = await ReplyAsync(id, "first");
        var second = await ReplyAsync(id, "second");

        var waiting = await Scenario.MessageWhenAsync(id, first, m => AssistAiScenario.Attempts(m) >= 1);
        Assert.Equal("queued", AssistAiScenario.DeliveryStatus(waiting));
        Assert.Contains("503", waiting["delivery"]!.Str("detail"), StringComparison.Ordinal);
        Assert.NotNull(waiting["delivery"]!["nextAttemptAt"]);

        var delivered = await Scenario.MessageWhenAsync(id, first, m => AssistAiScenario.DeliveryStatus(m) == "sent");
        await Scenario.MessageWhenAsync(id, second, m => AssistAiScenario.DeliveryStatus(m) == "sent");
        Assert.Equal(3, AssistAiScenario.Attempts(delivered));
        Assert.Equal(["first", "second"], (await Scenario.SentAsync(uuid)).Select(m => m.Str("content")));
    }

    [Fact]
    public async Task A_reply_assistai_refuses_fails_with_the_reason_and_does_not_hold_up_the_next()
    {
        var (uuid, id) = await Scenario.SyncedAsync("Hi");
        await Scenario.FaultAsync(status: 400, times: 1);

        var refused = await ReplyAsync(id, "refused");
        var next = await ReplyAsync(id, "next");

        var failed = await Scenario.MessageWhenAsync(id, refused, m => AssistAiScenario.DeliveryStatus(m) == "failed");
        Assert.Contains("400", failed["delivery"]!.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(1, AssistAiScenario.Attempts(failed));
        await Scenario.MessageWhenAsync(id, next, m => AssistAiScenario.DeliveryStatus(m) == "sent");
        Assert.Equal(["next"], (await Scenario.SentAsync(uuid)).Select(m => m.Str("content")));
    }

    [Fact]
    public async Task Replies_queued_while_assistai_is_down_are_sent_once_after_a_restart()
    {
        var (uuid, id) = await Scenario.SyncedAsync("Are you there?");
        await Scenario.FaultAsync(status: 503, times: 10_000);

        var reply = await ReplyAsync(id, "Yes, one moment.");
        await Scenario.MessageWhenAsync(id, reply, m => AssistAiScenario.Attempts(m) >= 1);
        await fixture.RestartServerAsync();
        (await fixture.Simulator.PostAsync("/_sim/faults/clear", null)).EnsureSuccessStatusCode();

        var sent = await new AssistAiScenario(fixture.Simulator, fixture.Server.Client)
            .MessageWhenAsync(id, reply, m => AssistAiScenario.DeliveryStatus(m) == "sent", seconds: 90);
        Assert.Equal("Yes, one moment.", sent.Str("content"));
        Assert.Equal(["Yes, one moment."], (await Scenario.SentAsync(uuid)).Select(m => m.Str("content")));
    }

    [Fact]
    public async Task A_reply_where_no_adapter_delivers_stays_queued_and_says_why()
    {
        var phone = Inbox.InboxApiTests.UniquePhone();
        var accepted = await (await Client.PostJsonAsync("/webhooks/messages/incoming", new { from = phone, content = "sms hi", platform = "sms" }))
            .ReadJsonAsync();
        var id = accepted.Str("conversationId");

        var reply = await ReplyAsync(id, "sms answer");

        var message = (await Scenario.MessagesAsync(id)).Single(m => m!["sequence"]!.GetValue<long>() == reply)!;
        Assert.Equal("queued", AssistAiScenario.DeliveryStatus(message));
        Assert.Contains("No channel adapter", message["delivery"]!.Str("detail"), StringComparison.Ordinal);
    }

    private async Task<long> ReplyAsync(string id, string content)
    {
        var response = await Client.PostJsonAsync($"/conversations/{id}/messages", new { content, authorName = "Agent Smith" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync())["sequence"]!.GetValue<long>();
    }

    private async Task AddCustomerAnswerAndSyncAsync(string uuid, string content)
    {
        await Scenario.AddMessageAsync(uuid, "user", content);
        await Scenario.SyncAsync();
    }
}

using System.Net;
using System.Text.Json.Nodes;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.AssistAi;

/// <summary>A person takes a conversation over from the AI and gives it back; the epoch fences the AI.</summary>
[Collection(AssistAiCollection.Name)]
public sealed class TakeoverTests(AssistAiFixture fixture)
{
    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task A_takeover_gives_control_to_a_human_and_fences_ai_replies_written_before_it()
    {
        var (_, id) = await new AssistAiScenario(fixture.Simulator, Client).SyncedAsync("Need help");
        var before = await ConversationAsync(id);
        Assert.Equal("ai", before.Str("control"));
        var aiEpoch = before["controlEpoch"]!.GetValue<long>();

        var taken = await (await Client.PostJsonAsync($"/conversations/{id}/takeover", new { durationMinutes = 15, holder = "maria" }))
            .ReadJsonAsync();

        Assert.Equal("human", taken.Str("control"));
        Assert.Equal("maria", taken.Str("controlHolder"));
        var until = taken["controlUntil"]!.GetValue<DateTimeOffset>();
        Assert.InRange(until, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        var humanEpoch = taken["controlEpoch"]!.GetValue<long>();
        Assert.True(humanEpoch > aiEpoch);
        await (await AiReplyAsync(id, aiEpoch)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await AiReplyAsync(id, humanEpoch)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostJsonAsync($"/conversations/{id}/messages", new { content = "Human here" })).StatusCode);

        var released = await (await Client.PostAsync($"/conversations/{id}/release", null)).ReadJsonAsync();

        Assert.Equal("ai", released.Str("control"));
        Assert.Null(released["controlHolder"]);
        var releasedEpoch = released["controlEpoch"]!.GetValue<long>();
        Assert.True(releasedEpoch > humanEpoch);
        await (await AiReplyAsync(id, aiEpoch)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Accepted, (await AiReplyAsync(id, releasedEpoch)).StatusCode);
        var authors = (await Client.GetArrayAsync($"/conversations/{id}/messages")).Select(m => m!.Str("author"));
        Assert.Equal(["customer", "human", "ai_agent"], authors);
    }

    [Fact]
    public async Task A_release_when_the_ai_holds_control_changes_nothing()
    {
        var (_, id) = await new AssistAiScenario(fixture.Simulator, Client).SyncedAsync("Hello");
        var before = await ConversationAsync(id);

        var released = await (await Client.PostAsync($"/conversations/{id}/release", null)).ReadJsonAsync();

        Assert.Equal(before["controlEpoch"]!.GetValue<long>(), released["controlEpoch"]!.GetValue<long>());
        Assert.Equal("ai", released.Str("control"));
    }

    [Fact]
    public async Task A_takeover_runs_out_on_its_own_and_the_deadline_survives_a_restart()
    {
        var (_, id) = await new AssistAiScenario(fixture.Simulator, Client).SyncedAsync("Anyone?");
        var taken = await (await Client.PostJsonAsync($"/conversations/{id}/takeover", new { durationMinutes = 0.25 })).ReadJsonAsync();
        var until = taken["controlUntil"]!.GetValue<DateTimeOffset>();

        await fixture.RestartServerAsync();
        var readAt = DateTimeOffset.UtcNow;
        var afterRestart = await ConversationAsync(id);
        var expired = await Http.EventuallyAsync(
            () => ConversationAsync(id), c => c.Str("control") == "ai", seconds: 60);

        // The restart normally takes less than the 15 seconds of the takeover; when it took longer,
        // the takeover may already have run out, and only the epoch below tells it was kept.
        if (readAt < until.AddSeconds(-1))
        {
            Assert.Equal("human", afterRestart.Str("control"));
            Assert.Equal(until, afterRestart["controlUntil"]!.GetValue<DateTimeOffset>());
        }

        Assert.True(DateTimeOffset.UtcNow >= until, "control came back to the AI before the deadline");
        Assert.Equal(taken["controlEpoch"]!.GetValue<long>() + 1, expired["controlEpoch"]!.GetValue<long>());
        var listed = await Http.EventuallyAsync(
            () => fixture.Server.Client.GetArrayAsync("/conversations?limit=200"),
            list => list.Any(c => c!.Str("id") == id));
        Assert.Equal("ai", listed.Single(c => c!.Str("id") == id)!.Str("control"));
    }

    [Theory]
    [InlineData("{\"durationMinutes\": 0}", "durationMinutes")]
    [InlineData("{\"durationMinutes\": 100000}", "durationMinutes")]
    [InlineData("{\"holder\": \"x\", \"durationMinutes\": -5}", "durationMinutes")]
    public async Task A_takeover_with_a_bad_duration_is_refused_and_changes_nothing(string body, string field)
    {
        var (_, id) = await new AssistAiScenario(fixture.Simulator, Client).SyncedAsync("Hi there");

        var response = await Client.PostRawAsync($"/conversations/{id}/takeover", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal("ai", (await ConversationAsync(id)).Str("control"));
    }

    [Fact]
    public async Task An_ai_reply_must_name_its_epoch()
    {
        var (_, id) = await new AssistAiScenario(fixture.Simulator, Client).SyncedAsync("Hi");

        var response = await Client.PostJsonAsync($"/conversations/{id}/messages", new { content = "AI says", author = "ai_agent" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "controlEpoch");
    }

    private Task<HttpResponseMessage> AiReplyAsync(string id, long epoch) =>
        Client.PostJsonAsync($"/conversations/{id}/messages", new { content = $"AI answer at epoch {epoch}", author = "ai_agent", controlEpoch = epoch });

    private async Task<JsonNode> ConversationAsync(string id) =>
        await (await fixture.Server.Client.GetAsync($"/conversations/{id}")).ReadJsonAsync();
}

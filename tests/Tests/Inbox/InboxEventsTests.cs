using System.Net;
using System.Text.Json.Nodes;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Inbox;

/// <summary>The live feed: events with ids, filtered by conversation, resumed from the log.</summary>
public sealed class InboxEventsTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task A_reconnecting_client_gets_everything_it_missed_and_then_live_events()
    {
        var phone = InboxApiTests.UniquePhone();
        var id = "";
        for (var i = 1; i <= 3; i++)
        {
            id = (await (await Push(phone, $"before {i}")).ReadJsonAsync()).Str("conversationId");
        }

        var backlog = await ReadEventsAsync($"/inbox/events?conversationId={id}", lastEventId: "0", count: 3);
        Assert.Equal(["before 1", "before 2", "before 3"], backlog.Select(e => e.Data.Str("content")));
        Assert.True(backlog.Select(e => e.Id).SequenceEqual(backlog.Select(e => e.Id).Order()));

        // Resume after the second: the third again, and what arrived since.
        var resumed = ReadEventsAsync($"/inbox/events?conversationId={id}", backlog[1].Id.ToString(), count: 3);
        await Task.Delay(300);
        await Push(phone, "live 1");
        await _client.PatchJsonAsync($"/conversations/{id}", new { status = "resolved" });

        var events = await resumed;
        Assert.Equal("before 3", events[0].Data.Str("content"));
        Assert.Equal("live 1", events[1].Data.Str("content"));
        Assert.Equal("conversation", events[2].Kind);
        Assert.Equal("resolved", events[2].Data.Str("status"));
    }

    [Fact]
    public async Task Many_connections_share_the_log_follower_and_each_gets_what_it_asked_for()
    {
        var phones = new[] { InboxApiTests.UniquePhone(), InboxApiTests.UniquePhone() };
        var ids = new List<string>();
        foreach (var phone in phones)
        {
            ids.Add((await (await Push(phone, "first")).ReadJsonAsync()).Str("conversationId"));
        }

        // Connected before the messages are sent, without Last-Event-ID: they start at the log's end.
        var filtered = Enumerable.Range(0, 30)
            .Select(i => ReadEventsAsync($"/inbox/events?conversationId={ids[i % 2]}", lastEventId: null, count: 2))
            .ToList();
        var everything = Enumerable.Range(0, 10)
            .Select(_ => ReadEventsAsync("/inbox/events", lastEventId: null, count: 4))
            .ToList();
        await Task.Delay(1000);
        foreach (var (phone, i) in phones.Select((p, i) => (p, i)))
        {
            await Push(phone, $"live {i} a");
            await Push(phone, $"live {i} b");
        }

        foreach (var (reader, i) in filtered.Select((r, i) => (r, i)))
        {
            var events = await reader;
            Assert.Equal([$"live {i % 2} a", $"live {i % 2} b"], events.Select(e => e.Data.Str("content")));
        }

        foreach (var reader in everything)
        {
            var events = await reader;
            Assert.Equal(["live 0 a", "live 0 b", "live 1 a", "live 1 b"], events.Select(e => e.Data.Str("content")));
            Assert.True(events.Select(e => e.Id).SequenceEqual(events.Select(e => e.Id).Order()));
        }
    }

    [Fact]
    public async Task The_feed_needs_the_inbox_read_scope()
    {
        var response = await fixture.Server.Anonymous.GetAsync("/inbox/events");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private Task<HttpResponseMessage> Push(string from, string content) =>
        _client.PostJsonAsync("/webhooks/messages/incoming", new { from, content, platform = "whatsapp" });

    private async Task<List<(long Id, string Kind, JsonNode Data)>> ReadEventsAsync(
        string path,
        string? lastEventId,
        int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<(long, string, JsonNode)>();
        long id = 0;
        var kind = "";
        while (events.Count < count && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..]);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((id, kind, JsonNode.Parse(line[6..])!));
            }
        }

        return events;
    }
}

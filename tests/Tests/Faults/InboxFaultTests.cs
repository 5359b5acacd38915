using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Faults;

/// <summary>
/// Messages flow from many senders while the server dies. Every message that was acknowledged is
/// there afterwards exactly once and in its sender's order; retries of the rest store nothing twice.
/// </summary>
public abstract class InboxKillTests
{
    protected abstract Task<Dictionary<string, string>> NewStorageAsync();

    [Fact]
    public async Task Every_acknowledged_message_survives_kill_minus_9_exactly_once_and_in_order()
    {
        var settings = await NewStorageAsync();
        settings["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var flow = new MessageFlow(senders: 16);

        await using (var silo = await SiloProcess.StartAsync(settings))
        {
            using var sending = new CancellationTokenSource();
            var senders = flow.RunAsync(silo.Client, sending.Token);
            await flow.WaitForAcknowledgedAsync(400);

            silo.Kill();
            sending.Cancel();
            await senders;
        }

        Assert.True(flow.Acknowledged.Count >= 400, $"only {flow.Acknowledged.Count} acknowledged");
        await using (var silo = await SiloProcess.StartAsync(settings))
        {
            await flow.RetryUnacknowledgedAsync(silo.Client);
            await flow.AssertHistoryAsync(silo.Client);
        }
    }
}

public sealed class EmbeddedInboxKillTests : InboxKillTests
{
    protected override Task<Dictionary<string, string>> NewStorageAsync() => Task.FromResult(
        new Dictionary<string, string>
        {
            ["Chronus:DataDirectory"] = Directory.CreateTempSubdirectory("chronus-kill-").FullName,
        });
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresInboxKillTests : InboxKillTests
{
    protected override async Task<Dictionary<string, string>> NewStorageAsync() => new()
    {
        ["ConnectionStrings:Postgres"] = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(),
    };
}

[Collection(PostgresCollection.Name)]
public sealed class InboxFailoverTests
{
    [Fact]
    public async Task When_one_silo_of_two_stops_under_load_the_other_carries_on()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(),
            ["Orleans:ClusterId"] = $"failover-{Guid.NewGuid():N}",
        };
        var silos = await Task.WhenAll(SiloProcess.StartAsync(settings), SiloProcess.StartAsync(settings));
        await using var leaving = silos[0];
        await using var staying = silos[1];
        // Enough messages per sender that the staying senders are still sending after the stop,
        // however long the stop takes on a busy machine.
        var flow = new MessageFlow(senders: 12, messagesPerSender: 2000);

        using var sending = new CancellationTokenSource();
        var toStaying = flow.RunAsync(staying.Client, sending.Token, senderOffset: 0, count: 6);
        var toLeaving = flow.RunAsync(leaving.Client, sending.Token, senderOffset: 6, count: 6);
        await flow.WaitForAcknowledgedAsync(300);

        await leaving.StopGracefullyAsync();
        await toLeaving;
        var before = flow.Acknowledged.Count;
        await flow.WaitForAcknowledgedAsync(before + 300);
        sending.Cancel();
        await toStaying;
        Assert.True(flow.Acknowledged.Count >= before + 300,
            $"after the stop only {flow.Acknowledged.Count - before} more were acknowledged; "
            + $"stops: {string.Join(", ", flow.Stops)}; the staying silo said:\n{staying.RecentOutput}");

        await flow.RetryUnacknowledgedAsync(staying.Client);
        await flow.AssertHistoryAsync(staying.Client);
    }
}

/// <summary>Senders that each push numbered messages one after another and remember what was acknowledged.</summary>
internal sealed class MessageFlow(int senders, int messagesPerSender = 200)
{
    private const int PageSize = 200;

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly string[] _phones = [.. Enumerable.Range(0, senders).Select(_ => $"+1555{Random.Shared.Next(0, 10_000_000):D7}")];
    private readonly ConcurrentDictionary<(int Sender, int Number), long> _acknowledged = new();
    private readonly ConcurrentDictionary<int, int> _sent = new();
    private readonly ConcurrentDictionary<int, string> _conversations = new();

    public IReadOnlyDictionary<(int Sender, int Number), long> Acknowledged => _acknowledged;

    /// <summary>Why senders stopped, for a failing test's message.</summary>
    public ConcurrentQueue<string> Stops { get; } = new();

    public Task RunAsync(HttpClient client, CancellationToken stop, int senderOffset = 0, int? count = null) =>
        Task.WhenAll(Enumerable.Range(senderOffset, count ?? senders).Select(s => SendUntilFailureAsync(client, s, stop)));

    public async Task WaitForAcknowledgedAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (_acknowledged.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>What a platform does after a failure: send the unacknowledged messages again.</summary>
    public async Task RetryUnacknowledgedAsync(HttpClient client)
    {
        foreach (var (sender, sent) in _sent)
        {
            for (var number = 1; number <= sent; number++)
            {
                if (!_acknowledged.ContainsKey((sender, number)))
                {
                    var response = await PushAsync(client, sender, number, CancellationToken.None);
                    for (var attempt = 1; response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 10; attempt++)
                    {
                        // A platform retries a 503 after a pause, as the Retry-After header asks.
                        await Task.Delay(500);
                        response = await PushAsync(client, sender, number, CancellationToken.None);
                    }

                    Assert.True(response.IsSuccessStatusCode, $"retry answered {response.StatusCode}: "
                        + await response.Content.ReadAsStringAsync());
                    await RecordAsync(sender, number, response);
                }
            }
        }
    }

    public async Task AssertHistoryAsync(HttpClient client)
    {
        foreach (var sender in _sent.Keys)
        {
            var history = await ReadHistoryAsync(client, _conversations[sender]);
            var sequences = history.Select(m => m!["sequence"]!.GetValue<long>()).ToList();
            var numbers = history.Select(m => int.Parse(m!.Str("externalId").Split('-')[^1], CultureInfo.InvariantCulture)).ToList();

            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
            Assert.Equal(numbers.Distinct().Count(), numbers.Count);
            Assert.Equal(numbers.Order(), numbers);
            Assert.Equal(Enumerable.Range(1, _sent[sender]), numbers);
            foreach (var ((s, number), sequence) in _acknowledged.Where(a => a.Key.Sender == sender))
            {
                Assert.Equal(sequence, sequences[numbers.IndexOf(number)]);
            }
        }
    }

    private async Task SendUntilFailureAsync(HttpClient client, int sender, CancellationToken stop)
    {
        for (var number = 1; !stop.IsCancellationRequested && number <= messagesPerSender; number++)
        {
            _sent[sender] = number;
            try
            {
                var response = await PushAsync(client, sender, number, stop);
                for (var attempt = 1; response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 20; attempt++)
                {
                    // While the cluster notices a silo has gone, a call may answer 503 with
                    // Retry-After; a platform pauses and sends the same message again.
                    await Task.Delay(250, stop);
                    response = await PushAsync(client, sender, number, stop);
                }

                if (!response.IsSuccessStatusCode)
                {
                    Stops.Enqueue($"sender {sender}: {(int)response.StatusCode}");
                    return;
                }

                await RecordAsync(sender, number, response);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                Stops.Enqueue($"sender {sender}: {exception.GetType().Name}");
                return;
            }
        }
    }

    private static async Task<List<JsonNode?>> ReadHistoryAsync(HttpClient client, string conversationId)
    {
        var history = new List<JsonNode?>();
        var after = 0L;
        while (true)
        {
            var page = await client.GetArrayAsync(
                $"/conversations/{conversationId}/messages?after={after}&limit={PageSize}");
            history.AddRange(page);
            if (page.Count < PageSize)
            {
                return history;
            }

            after = page[^1]!["sequence"]!.GetValue<long>();
        }
    }

    private async Task RecordAsync(int sender, int number, HttpResponseMessage response)
    {
        var accepted = await response.ReadJsonAsync();
        _conversations[sender] = accepted.Str("conversationId");
        _acknowledged[(sender, number)] = accepted["sequence"]!.GetValue<long>();
    }

    private Task<HttpResponseMessage> PushAsync(HttpClient client, int sender, int number, CancellationToken stop) =>
        client.PostAsync(
            "/webhooks/messages/incoming",
            System.Net.Http.Json.JsonContent.Create(new
            {
                from = _phones[sender],
                content = $"message {number}",
                platform = "whatsapp",
                externalId = $"{_run}-{sender}-{number}",
            }),
            stop);
}

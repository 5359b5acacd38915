using System.Net;
using System.Text.Json.Nodes;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Faults;

/// <summary>
/// Everything acknowledged survives a stop of the process, SIGKILL or graceful: the leads and
/// customers themselves, their listings, and the answers remembered for idempotency keys.
/// </summary>
public abstract class RestartTests
{
    protected abstract Task<Dictionary<string, string>> NewStorageAsync();

    [Fact]
    public async Task Nothing_acknowledged_is_lost_when_the_process_is_killed_or_stopped()
    {
        var storage = await NewStorageAsync();

        // A restarted process keeps its configured silo port, so the cluster sees the new silo
        // supersede the killed one at once instead of waiting for the dead one to be voted out.
        storage["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        storage["Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var acknowledged = new List<JsonNode>();
        string customerId;
        HttpResponseMessage keyed;

        await using (var silo = await SiloProcess.StartAsync(storage))
        {
            acknowledged.AddRange(await SubmitAsync(silo.Client, tag, 40));
            var conversion = await silo.Client.PostAsync($"/leads/{acknowledged[0].Str("id")}/convert", null);
            customerId = (await conversion.ReadJsonAsync()).Str("customerId");
            keyed = await PostWithKeyAsync(silo.Client, $"key-{tag}", tag);

            // No pause: the answers above are all the durability promise there is.
            silo.Kill();
        }

        await using (var silo = await SiloProcess.StartAsync(storage))
        {
            await AssertAllPresentAsync(silo.Client, acknowledged, tag);
            var customer = await silo.Client.GetAsync($"/customers/{customerId}");
            Assert.Equal(HttpStatusCode.OK, customer.StatusCode);

            var replay = await PostWithKeyAsync(silo.Client, $"key-{tag}", tag);
            Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(await keyed.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());

            acknowledged.AddRange(await SubmitAsync(silo.Client, tag + "b", 10));
            await silo.StopGracefullyAsync();
        }

        await using (var silo = await SiloProcess.StartAsync(storage))
        {
            await AssertAllPresentAsync(silo.Client, acknowledged, tag);
        }
    }

    private static async Task<JsonNode[]> SubmitAsync(HttpClient client, string tag, int count)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.PostJsonAsync(
            "/webhooks/leads/incoming",
            new { name = $"Restart {i}", email = $"restart-{tag}-{i}@example.com", company = $"Co {tag}" })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        return await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string key, string tag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/leads")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "Keyed", email = $"keyed-{tag}@example.com" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task AssertAllPresentAsync(HttpClient client, List<JsonNode> acknowledged, string tag)
    {
        foreach (var lead in acknowledged)
        {
            var response = await client.GetAsync($"/leads/{lead.Str("id")}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(lead.Str("email"), (await response.ReadJsonAsync()).Str("email"));
        }

        var listed = await Http.EventuallyAsync(
            () => client.GetArrayAsync($"/leads?search=restart-{tag}&limit=200"),
            list => list.Count >= acknowledged.Count);
        var listedIds = listed.Select(l => l!.Str("id")).ToHashSet();
        Assert.All(acknowledged, lead => Assert.Contains(lead.Str("id"), listedIds));
    }
}

public sealed class EmbeddedRestartTests : RestartTests
{
    protected override Task<Dictionary<string, string>> NewStorageAsync() => Task.FromResult(
        new Dictionary<string, string>
        {
            ["Chronus:DataDirectory"] = Directory.CreateTempSubdirectory("chronus-restart-").FullName,
        });
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartTests : RestartTests
{
    protected override async Task<Dictionary<string, string>> NewStorageAsync() => new()
    {
        ["ConnectionStrings:Postgres"] = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(),
    };
}

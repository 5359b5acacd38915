using System.Net;
using System.Net.Http.Json;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.AssistAi;

/// <summary>The connection, the client's resilience and the agents, against the project's simulator.</summary>
[Collection(AssistAiCollection.Name)]
public sealed class AssistAiConnectionTests(AssistAiFixture fixture)
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task The_configured_connection_is_shown_masked_and_tests_ok()
    {
        var connection = await (await _client.GetAsync("/assistai/connection")).ReadJsonAsync();
        var test = await (await _client.PostAsync("/assistai/connection/test", null)).ReadJsonAsync();

        Assert.True(connection["enabled"]!.GetValue<bool>());
        Assert.Equal("configuration", connection.Str("source"));
        Assert.DoesNotContain("sim-token", connection.ToJsonString(), StringComparison.Ordinal);
        Assert.True(test["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Agents_are_read_across_pages_and_keep_local_settings_apart()
    {
        await SeedAgentsAsync(73);

        var agents = await _client.GetArrayAsync("/assistai/agents");
        Assert.Equal(73, agents.Count);
        Assert.Equal(73, agents.Select(a => a!["remote"]!.Str("code")).Distinct().Count());

        var code = agents[5]!["remote"]!.Str("code");
        var patched = await _client.PatchJsonAsync($"/assistai/agents/{code}", new { internalName = "Night shift", autoReply = false });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var agent = await (await _client.GetAsync($"/assistai/agents/{code}")).ReadJsonAsync();
        Assert.Equal("Night shift", agent["settings"]!.Str("internalName"));
        Assert.False(agent["settings"]!["autoReply"]!.GetValue<bool>());
        Assert.Equal($"Agent {code}", agent["remote"]!.Str("name"));
        await (await _client.GetAsync("/assistai/agents/NOPE")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_429_with_retry_after_and_500s_are_retried_until_assistai_answers()
    {
        await SeedAgentsAsync(3);
        await FaultAsync(new { status = 429, retryAfterSeconds = 1, delayMilliseconds = 0 }, times: 1);
        await FaultAsync(new { status = 500, delayMilliseconds = 0 }, times: 2);
        var before = await CallsAsync();

        var started = DateTime.UtcNow;
        var agents = await _client.GetArrayAsync("/assistai/agents");

        Assert.Equal(3, agents.Count);
        Assert.Equal(before + 4, await CallsAsync());
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1), "Retry-After was not honoured");
    }

    [Fact]
    public async Task An_assistai_that_keeps_failing_gives_a_502_naming_its_status()
    {
        await SeedAgentsAsync(1);
        await FaultAsync(new { status = 503, delayMilliseconds = 0 }, times: 4);

        var response = await _client.GetAsync("/assistai/agents");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway);
        Assert.Equal(503, problem["assistAiStatus"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_wrong_token_set_at_run_time_is_reported_by_the_test_call()
    {
        var original = await (await _client.GetAsync("/assistai/connection")).ReadJsonAsync();
        var put = await _client.PutAsJsonAsync("/assistai/connection", new
        {
            baseUrl = original.Str("baseUrl"),
            apiToken = "wrong-token",
            tenantDomain = "sim.assistai.local",
            organizationCode = "SIM",
        });
        try
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal("api", (await put.ReadJsonAsync()).Str("source"));

            var test = await (await _client.PostAsync("/assistai/connection/test", null)).ReadJsonAsync();

            Assert.False(test["ok"]!.GetValue<bool>());
            Assert.Equal(401, test["statusCode"]!.GetValue<int>());
        }
        finally
        {
            await _client.PutAsJsonAsync("/assistai/connection", new
            {
                baseUrl = original.Str("baseUrl"),
                apiToken = "sim-token",
                tenantDomain = "sim.assistai.local",
                organizationCode = "SIM",
            });
        }
    }

    [Fact]
    public async Task A_bad_connection_is_refused_naming_the_field()
    {
        var response = await _client.PutAsJsonAsync("/assistai/connection", new
        {
            baseUrl = "not a url",
            apiToken = "x",
            tenantDomain = "t",
            organizationCode = "o",
        });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "baseUrl");
    }

    private async Task SeedAgentsAsync(int count)
    {
        await fixture.Simulator.PostAsync("/_sim/reset", null);
        var agents = Enumerable.Range(0, count).Select(i => new
        {
            code = $"AG{i:D3}",
            name = $"Agent AG{i:D3}",
            model = "gpt-sim",
            description = "simulated",
            createdAt = DateTimeOffset.UtcNow.AddMinutes(i),
        });
        (await fixture.Simulator.PostAsJsonAsync("/_sim/agents", agents)).EnsureSuccessStatusCode();
    }

    private async Task FaultAsync(object fault, int times) =>
        (await fixture.Simulator.PostAsJsonAsync($"/_sim/faults?times={times}", fault)).EnsureSuccessStatusCode();

    private async Task<int> CallsAsync() => await fixture.Simulator.GetFromJsonAsync<int>("/_sim/calls");
}

public sealed class AssistAiOffTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    [Fact]
    public async Task Without_a_connection_the_integration_says_it_is_off_and_the_crm_works()
    {
        var agents = await fixture.Server.Client.GetAsync("/assistai/agents");
        var connection = await (await fixture.Server.Client.GetAsync("/assistai/connection")).ReadJsonAsync();

        await agents.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.False(connection["enabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Server.Client.GetAsync("/leads")).StatusCode);
    }
}

[CollectionDefinition(Name)]
public sealed class AssistAiCollection : ICollectionFixture<AssistAiFixture>
{
    public const string Name = "AssistAI";
}

using System.Net;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Security;

public sealed class RateLimitTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    [Fact]
    public async Task A_key_over_its_allowance_gets_429_with_retry_after_and_rate_limit_headers()
    {
        var created = await fixture.Server.Client.PostJsonAsync("/api-keys", new
        {
            name = "slow dashboard",
            scopes = new[] { "leads:read" },
            rateLimitPerMinute = 5,
        });
        var client = fixture.Server.ClientWithKey((await created.ReadJsonAsync()).Str("key"));

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await client.GetAsync("/leads?limit=1"));
        }

        Assert.All(answers[..5], a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal("\"api\";q=5;w=60", answers[0].Headers.GetValues("RateLimit-Policy").Single());
        Assert.StartsWith("\"api\";r=4;", answers[0].Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
        Assert.StartsWith("\"api\";r=0;", answers[4].Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);

        var refused = answers[5];
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
    }

    [Fact]
    public async Task Keys_have_allowances_of_their_own()
    {
        var busy = await fixture.Server.Client.PostJsonAsync("/api-keys", new
        {
            name = "busy",
            scopes = new[] { "leads:read" },
            rateLimitPerMinute = 1,
        });
        var client = fixture.Server.ClientWithKey((await busy.ReadJsonAsync()).Str("key"));
        await client.GetAsync("/leads");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/leads")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await fixture.Server.Client.GetAsync("/leads")).StatusCode);
    }
}

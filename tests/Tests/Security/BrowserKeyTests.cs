using System.Net;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Security;

/// <summary>Landing pages: a public pk_live_ key bound to its origins, rate-limited per visitor.</summary>
public sealed class BrowserKeyTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private const string Landing = "https://landing.example.com";
    private readonly ChronusServer _server = fixture.Server;

    [Fact]
    public async Task A_browser_key_submits_from_its_origin_and_is_refused_from_any_other()
    {
        var key = await BrowserKeyAsync();

        var fromLanding = await PostFormAsync(key, Landing, Form("ok"));
        var fromElsewhere = await PostFormAsync(key, "https://evil.example.net", Form("evil"));
        var fromNowhere = await PostFormAsync(key, origin: null, Form("nowhere"));

        Assert.Equal(HttpStatusCode.Created, fromLanding.StatusCode);
        await fromElsewhere.AssertProblemAsync(HttpStatusCode.Forbidden);
        await fromNowhere.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_plain_html_form_can_carry_the_key_as_a_field_and_is_redirected()
    {
        var key = await BrowserKeyAsync();
        var fields = Form("plain");
        fields["api_key"] = key;
        fields["redirect"] = $"{Landing}/thanks";

        using var client = Http.ClientFor(_server.Address);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/leads/incoming")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.Add("Origin", Landing);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"{Landing}/thanks", response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task A_browser_key_cannot_read_anything()
    {
        var client = _server.ClientWithKey(await BrowserKeyAsync());
        client.DefaultRequestHeaders.Add("Origin", Landing);

        await (await client.GetAsync("/leads")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/customers")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync("/leads", new { name = "x", email = Http.UniqueEmail() }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync("/api-keys", new { name = "x", scopes = new[] { "leads:submit" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_cors_preflight_is_granted_to_allowed_origins_alone()
    {
        await BrowserKeyAsync();

        var allowed = await PreflightAsync(Landing);
        var refused = await PreflightAsync("https://evil.example.net");

        Assert.Equal(Landing, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_filled_honeypot_makes_the_lead_vanish_quietly()
    {
        var key = await BrowserKeyAsync();
        var fields = Form("bot");
        fields["_gotcha"] = "http://spam.example";

        var response = await PostFormAsync(key, Landing, fields);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        var real = await PostFormAsync(key, Landing, new Dictionary<string, string>
        {
            ["name"] = "Real Person",
            ["email"] = fields["email"],
        });
        Assert.Equal(HttpStatusCode.Created, real.StatusCode);
    }

    [Fact]
    public async Task Form_posts_are_limited_per_client_address()
    {
        var key = await BrowserKeyAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            statuses.Add((await PostFormAsync(key, Landing, Form($"many{i}"))).StatusCode);
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private async Task<string> BrowserKeyAsync()
    {
        var response = await _server.Client.PostJsonAsync("/api-keys", new
        {
            name = "landing page",
            scopes = new[] { "leads:submit" },
            allowedOrigins = new[] { Landing },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = (await response.ReadJsonAsync()).Str("key");
        Assert.StartsWith("pk_live_", key, StringComparison.Ordinal);
        return key;
    }

    private static Dictionary<string, string> Form(string name) => new()
    {
        ["name"] = $"Visitor {name}",
        ["email"] = Http.UniqueEmail(name),
    };

    private async Task<HttpResponseMessage> PostFormAsync(string key, string? origin, Dictionary<string, string> fields)
    {
        using var client = _server.ClientWithKey(key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/leads/incoming")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/webhooks/leads/incoming");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        return await _server.Anonymous.SendAsync(request);
    }
}

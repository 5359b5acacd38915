using System.Net;
using System.Text.RegularExpressions;
using ChronusCrm.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChronusCrm.Tests.Security;

public sealed partial class ApiKeyAccessTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private static readonly string[] PublicPrefixes = ["/health/", "/openapi/", "/api/docs"];

    private readonly ChronusServer _server = fixture.Server;

    [Fact]
    public async Task Every_mapped_endpoint_refuses_an_anonymous_call_except_the_public_ones()
    {
        var endpoints = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods
                ?? ["GET"]).Select(method => (Method: method, Path: Concrete(e.RoutePattern.RawText!))))
            .Distinct()
            .ToList();
        Assert.True(endpoints.Count >= 10, $"Only {endpoints.Count} endpoints found");

        foreach (var (method, path) in endpoints)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = method is "GET" or "DELETE" ? null : new StringContent("{}", null, "application/json"),
            };
            var response = await _server.Anonymous.SendAsync(request);

            if (PublicPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
            {
                Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
                await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            }
        }
    }

    [Theory]
    [InlineData("GET", "/leads", "leads:read")]
    [InlineData("POST", "/leads", "leads:write")]
    [InlineData("PATCH", "/leads/lead-x", "leads:write")]
    [InlineData("POST", "/leads/lead-x/convert", "leads:write")]
    [InlineData("POST", "/webhooks/leads/incoming", "leads:submit")]
    [InlineData("POST", "/webhooks/leads/incoming", "leads:write")]
    [InlineData("GET", "/customers", "customers:read")]
    [InlineData("GET", "/customers/cust-x", "customers:read")]
    [InlineData("GET", "/api-keys", "admin")]
    public async Task A_key_passes_with_the_needed_scope_and_gets_403_without_it(string method, string path, string scope)
    {
        var holder = _server.ClientWithKey(await CreateKeyAsync([scope]));
        var others = ScopesBesides(scope, path);
        var outsider = _server.ClientWithKey(await CreateKeyAsync(others));

        var allowed = await holder.SendAsync(Request(method, path));
        var refused = await outsider.SendAsync(Request(method, path));

        Assert.NotEqual(HttpStatusCode.Unauthorized, allowed.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.StatusCode);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains(scope, problem["requiredScopes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task Admin_may_do_everything_and_bearer_works_like_the_header()
    {
        var admin = await CreateKeyAsync(["admin"]);
        using var bearer = Http.ClientFor(_server.Address);
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", admin);

        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/leads")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api-keys")).StatusCode);
    }

    [Theory]
    [InlineData("sk_live_NoSuchKeyAtAll0000000000000000")]
    [InlineData("definitely-not-a-key")]
    [InlineData("pk_live_NoSuchBrowserKey000000000000000")]
    public async Task An_unknown_or_malformed_key_is_401(string key)
    {
        var response = await _server.ClientWithKey(key).GetAsync("/leads");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_key_is_401_at_once()
    {
        var created = await CreateKeyViewAsync(["leads:read"]);
        var client = _server.ClientWithKey(created.Str("key"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/leads")).StatusCode);

        var revoke = await _server.Client.DeleteAsync($"/api-keys/{created["apiKey"]!.Str("id")}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await (await client.GetAsync("/leads")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var listed = await _server.Client.GetArrayAsync("/api-keys");
        var entry = listed.Single(k => k!.Str("id") == created["apiKey"]!.Str("id"))!;
        Assert.NotNull(entry["revokedAt"]);
        await (await _server.Client.DeleteAsync("/api-keys/key_nope")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_expired_key_is_401()
    {
        var key = await CreateKeyAsync(["leads:read"], expiresAt: DateTimeOffset.UtcNow.AddSeconds(2));
        var client = _server.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/leads")).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        await (await client.GetAsync("/leads")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_cannot_mint_a_key_with_more_than_it_has()
    {
        var reader = _server.ClientWithKey(await CreateKeyAsync(["leads:read", "customers:read"]));

        var wider = await reader.PostJsonAsync("/api-keys", new { name = "wider", scopes = new[] { "leads:write" } });
        var admin = await reader.PostJsonAsync("/api-keys", new { name = "admin", scopes = new[] { "admin" } });
        var narrower = await reader.PostJsonAsync("/api-keys", new { name = "narrower", scopes = new[] { "leads:read" } });

        await wider.AssertProblemAsync(HttpStatusCode.Forbidden);
        await admin.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, narrower.StatusCode);
        Assert.StartsWith("sk_live_", (await narrower.ReadJsonAsync()).Str("key"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_listing_shows_prefixes_and_never_a_raw_key()
    {
        var created = await CreateKeyViewAsync(["inbox:read"]);
        var raw = created.Str("key");

        var response = await _server.Client.GetAsync("/api-keys");
        var text = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(raw, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Admin, text, StringComparison.Ordinal);
        var entry = (await response.ReadJsonAsync()).AsArray().Single(k => k!.Str("id") == created["apiKey"]!.Str("id"))!;
        Assert.Equal(raw[..14], entry.Str("prefix"));
        Assert.Equal(["inbox:read"], entry["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.NotNull(entry["createdAt"]);
    }

    [Theory]
    [InlineData("""{"scopes":["leads:read"]}""", "name")]
    [InlineData("""{"name":"x","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["leads:everything"]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["leads:read"],"allowedOrigins":["https://a.example.com"]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["leads:submit"],"allowedOrigins":["not an origin"]}""", "allowedOrigins")]
    [InlineData("""{"name":"x","scopes":["leads:read"],"rateLimitPerMinute":0}""", "rateLimitPerMinute")]
    [InlineData("""{"name":"x","scopes":["leads:read"],"expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task A_bad_key_request_is_400_naming_the_field(string body, string field)
    {
        var response = await _server.Client.PostRawAsync("/api-keys", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_retried_key_creation_does_not_replay_the_secret()
    {
        var request = () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/api-keys")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { name = "retried", scopes = new[] { "leads:read" } }),
            };
            message.Headers.Add("Idempotency-Key", "retry-key-creation");
            return message;
        };

        var first = await _server.Client.SendAsync(request());
        var retry = await _server.Client.SendAsync(request());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await retry.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
    }

    internal async Task<string> CreateKeyAsync(
        string[] scopes,
        string[]? origins = null,
        int? rateLimitPerMinute = null,
        DateTimeOffset? expiresAt = null) =>
        (await CreateKeyViewAsync(scopes, origins, rateLimitPerMinute, expiresAt)).Str("key");

    private async Task<System.Text.Json.Nodes.JsonNode> CreateKeyViewAsync(
        string[] scopes,
        string[]? origins = null,
        int? rateLimitPerMinute = null,
        DateTimeOffset? expiresAt = null)
    {
        var response = await _server.Client.PostJsonAsync("/api-keys", new
        {
            name = $"test key {scopes.Length}",
            scopes,
            allowedOrigins = origins,
            rateLimitPerMinute,
            expiresAt,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static string[] ScopesBesides(string scope, string path)
    {
        // leads:write also opens the form webhook; leave both out when testing it.
        var excluded = path.StartsWith("/webhooks/leads", StringComparison.Ordinal)
            ? new[] { "leads:submit", "leads:write", "admin" }
            : new[] { scope, "admin" };
        return [.. ChronusCrm.Grains.Abstractions.Security.ApiScopes.All.Except(excluded)];
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "GET" or "DELETE" ? null : new StringContent("{}", null, "application/json"),
    };

    private static string Concrete(string pattern) => "/" + RouteParameter().Replace(pattern.Trim('/'), "x");

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();
}

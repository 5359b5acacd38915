using System.Net;
using System.Text.RegularExpressions;
using ChronusCrm.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChronusCrm.Tests.Api;

public sealed partial class DocsAndHealthTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task The_openapi_document_is_3_1_and_describes_every_mapped_api_endpoint()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.StartsWith("3.1", document.Str("openapi"), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        var mapped = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + RouteConstraint().Replace(e.RoutePattern.RawText!.Trim('/'), "{$1}"))
            .Where(p => !p.StartsWith("/openapi", StringComparison.Ordinal)
                && !p.StartsWith("/api/docs", StringComparison.Ordinal)
                && !p.StartsWith("/health", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(mapped);
        Assert.All(mapped, path => Assert.True(paths.ContainsKey(path), $"{path} is not in the OpenAPI document"));
    }

    [Fact]
    public async Task The_openapi_document_carries_the_seed_examples()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        var createLead = document["paths"]!["/leads"]!["post"]!["requestBody"]!["content"]!["application/json"]!;
        Assert.Equal("Jane Doe", createLead["example"]!.Str("name"));

        var webhook = document["paths"]!["/webhooks/leads/incoming"]!["post"]!["requestBody"]!["content"]!;
        Assert.Equal("John Smith", webhook["application/json"]!["example"]!.Str("name"));
        Assert.NotNull(webhook["application/x-www-form-urlencoded"]);
    }

    [Fact]
    public async Task The_scalar_reference_is_served_from_the_package_without_a_cdn()
    {
        var page = await _client.GetAsync("/api/docs/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        var script = await _client.GetAsync("/api/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }

    [Fact]
    public async Task Health_live_and_ready_answer_healthy()
    {
        var live = await _client.GetAsync("/health/live");
        var ready = await _client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>"{id:maxlength(64)}" in a route is "{id}" in the OpenAPI document.</summary>
    [GeneratedRegex(@"\{(\w+):[^}]*\}")]
    private static partial Regex RouteConstraint();
}

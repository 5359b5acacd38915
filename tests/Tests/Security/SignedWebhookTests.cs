using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Security;

/// <summary>A server whose message webhook also takes HMAC signatures, with a rotation in progress.</summary>
public sealed class SignedServerFixture : IAsyncLifetime
{
    public const string Secret = "whsec-current-0123456789";
    public const string PreviousSecret = "whsec-previous-9876543210";

    public ChronusServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ChronusServer.StartAsync(
        new()
        {
            ["Chronus:DataDirectory"] = Directory.CreateTempSubdirectory("chronus-signed-").FullName,
            ["Webhooks:Messages:Secret"] = Secret,
            ["Webhooks:Messages:PreviousSecret"] = PreviousSecret,
        },
        "signed");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class SignedWebhookTests(SignedServerFixture fixture) : IClassFixture<SignedServerFixture>
{
    private const string Webhook = "/webhooks/messages/incoming";

    [Fact]
    public async Task A_good_signature_stands_in_for_a_key_with_either_active_secret()
    {
        var current = await SendAsync(Body(), SignedServerFixture.Secret, Now());
        var previous = await SendAsync(Body(), SignedServerFixture.PreviousSecret, Now());

        Assert.Equal(HttpStatusCode.Accepted, current.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, previous.StatusCode);
    }

    [Fact]
    public async Task A_wrong_tampered_or_stale_signature_is_401()
    {
        var wrongSecret = await SendAsync(Body(), "not-the-secret", Now());
        var stale = await SendAsync(Body(), SignedServerFixture.Secret, Now() - 301);
        var future = await SendAsync(Body(), SignedServerFixture.Secret, Now() + 301);
        var body = Body();
        var tampered = await SendAsync(body, SignedServerFixture.Secret, Now(), sendInstead: body.Replace("hello", "HELLO"));
        var garbled = await SendRawAsync(Body(), "t=abc,v1=xyz");

        foreach (var response in new[] { wrongSecret, stale, future, tampered, garbled })
        {
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_signature_opens_the_message_webhook_and_nothing_else()
    {
        var timestamp = Now();
        var signature = Sign("", SignedServerFixture.Secret, timestamp);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/conversations");
        request.Headers.Add("X-Chronus-Signature", $"t={timestamp},v1={signature}");

        var response = await fixture.Server.Anonymous.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_signed_message_is_judged_by_its_signature_alone_and_draws_on_the_ingest_budget()
    {
        var timestamp = Now();
        using var wronglySignedWithKey = new HttpRequestMessage(HttpMethod.Post, Webhook)
        {
            Content = new StringContent(Body(), Encoding.UTF8, "application/json"),
        };
        wronglySignedWithKey.Headers.Add("X-Chronus-Signature", $"t={timestamp},v1={Sign("other", SignedServerFixture.Secret, timestamp)}");

        var refused = await fixture.Server.Client.SendAsync(wronglySignedWithKey);
        var signed = await SendAsync(Body(), SignedServerFixture.Secret, timestamp);

        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        Assert.StartsWith("\"ingest\"", signed.Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_ingestion_has_a_budget_of_its_own()
    {
        var created = await fixture.Server.Client.PostJsonAsync("/api-keys", new
        {
            name = "platform and dashboard",
            scopes = new[] { "leads:read", "messages:write" },
            rateLimitPerMinute = 2,
        });
        var client = fixture.Server.ClientWithKey((await created.ReadJsonAsync()).Str("key"));

        await client.GetAsync("/leads");
        await client.GetAsync("/leads");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/leads")).StatusCode);

        var message = await client.PostRawAsync(Webhook, Body());
        Assert.Equal(HttpStatusCode.Accepted, message.StatusCode);
        Assert.StartsWith("\"ingest\"", message.Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
    }

    private static string Body() =>
        $$"""{"from":"+1555{{Random.Shared.Next(0, 10_000_000):D7}}","content":"hello","platform":"whatsapp"}""";

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string Sign(string body, string secret, long timestamp) => Convert.ToHexStringLower(
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}")));

    private Task<HttpResponseMessage> SendAsync(string body, string secret, long timestamp, string? sendInstead = null) =>
        SendRawAsync(sendInstead ?? body, $"t={timestamp},v1={Sign(body, secret, timestamp)}");

    private Task<HttpResponseMessage> SendRawAsync(string body, string header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Webhook)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Chronus-Signature", header);
        return fixture.Server.Anonymous.SendAsync(request);
    }
}

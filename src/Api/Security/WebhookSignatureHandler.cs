using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ChronusCrm.Api.Problems;
using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChronusCrm.Api.Security;

/// <summary>
/// Lets a chat platform prove a message webhook came from it without an API key:
/// <c>X-Chronus-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;</c>.
/// Webhooks:Messages:Secret signs; Webhooks:Messages:PreviousSecret is also accepted while a
/// secret is being rotated. Signatures older than five minutes are refused; digests are compared
/// in constant time.
/// </summary>
public sealed class WebhookSignatureHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IConfiguration configuration,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Signature";
    public const string HeaderName = "X-Chronus-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    // Every signed request is the same caller, with one scope: one principal serves them all.
    private static readonly ClaimsPrincipal Signed = ApiKeyClaims.Principal(
        new ApiKey
        {
            Id = "signed-webhook",
            Name = "signed message webhook",
            Prefix = "",
            Digest = "",
            Scopes = [ApiScopes.MessagesWrite],
        },
        SchemeName);

    /// <summary>
    /// Set on the API key scheme: a request to an endpoint that takes signatures (see
    /// <see cref="AcceptsSignature"/>) and that carries one is judged by its signature alone, and a
    /// bad signature is refused even beside a good key. Every other request is the key's. Policies
    /// then need name no scheme, and authorization uses the one principal authentication made.
    /// </summary>
    public static string? ForwardSigned(HttpContext context) =>
        context.Request.Headers.ContainsKey(HeaderName)
        && context.GetEndpoint()?.Metadata.GetMetadata<AcceptsSignature>() is not null
            ? SchemeName
            : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var header))
        {
            return AuthenticateResult.NoResult();
        }

        var secrets = new[] { "Webhooks:Messages:Secret", "Webhooks:Messages:PreviousSecret" }
            .Select(key => configuration[key])
            .OfType<string>()
            .Where(secret => secret.Length > 0)
            .ToList();
        if (secrets.Count == 0)
        {
            return AuthenticateResult.Fail("Signed webhooks are not enabled: no Webhooks__Messages__Secret is set.");
        }

        if (!TryParse(header.ToString(), out var timestamp, out var signatures))
        {
            return AuthenticateResult.Fail($"{HeaderName} must read t=<unix seconds>,v1=<hex digest>.");
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (age.Duration() > Tolerance)
        {
            return AuthenticateResult.Fail("The signature is stale: its timestamp is more than five minutes away.");
        }

        var body = await ReadBodyAsync(Request);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var valid = secrets.Any(secret =>
        {
            var digest = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed.Concat(body).ToArray());
            return signatures.Any(candidate => CryptographicOperations.FixedTimeEquals(digest, candidate));
        });
        if (!valid)
        {
            return AuthenticateResult.Fail("The signature does not match the body.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(Signed, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is null || Response.HasStarted)
        {
            return;
        }

        await ProblemWriter.WriteAsync(
            Context, StatusCodes.Status401Unauthorized, "The webhook signature was refused.", result.Failure.Message);
    }

    private static bool TryParse(string header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = part.IndexOf('=', StringComparison.Ordinal) is var i and > 0
                ? (part[..i], part[(i + 1)..])
                : (part, "");
            if (name == "t" && long.TryParse(value, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (name == "v1" && value.Length == 64 && IsHex(value))
            {
                signatures.Add(Convert.FromHexString(value));
            }
        }

        return timestamp > 0 && signatures.Count > 0;
    }

    private static bool IsHex(string text) => text.All(Uri.IsHexDigit);

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return copy.ToArray();
    }
}

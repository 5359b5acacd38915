using System.Text.Encodings.Web;
using ChronusCrm.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChronusCrm.Api.Security;

/// <summary>
/// Reads the key from <c>X-API-Key</c> or <c>Authorization: Bearer</c>. A browser key (pk_live_) may
/// also come as an <c>api_key</c> query or form field, since a plain HTML form cannot set headers.
/// Keys are checked through <see cref="ApiKeyCache"/>, which a revocation reaches on every silo
/// before the revocation is answered.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyCache keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-API-Key";
    public const string FieldName = "api_key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var raw = await ReadKeyAsync(Request);
        if (raw is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyFormat.LooksValid(raw))
        {
            return AuthenticateResult.Fail("The API key is not in the form sk_live_... or pk_live_....");
        }

        var key = await keys.AuthenticateAsync(raw, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        }

        var ticket = new AuthenticationTicket(ApiKeyClaims.Shared(key), SchemeName);
        return AuthenticateResult.Success(ticket);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer, ApiKey";
        await ProblemWriter.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            "An API key is required.",
            result.Failure?.Message
                ?? $"Send a key as '{HeaderName}: <key>' or 'Authorization: Bearer <key>'.");
    }

    private static async Task<string?> ReadKeyAsync(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.ToString() is { Length: > 0 } key)
        {
            return key.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var browserKey = request.Query[FieldName].ToString();
        if (browserKey.Length == 0 && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            browserKey = form[FieldName].ToString();
        }

        // Only a browser key may travel in a URL or a form: it is public by design.
        return ApiKeyFormat.IsBrowserKey(browserKey) ? browserKey : null;
    }
}

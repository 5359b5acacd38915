using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using ChronusCrm.Grains.Abstractions.Security;

namespace ChronusCrm.Api.Security;

/// <summary>How an authenticated key is carried through a request, and read back.</summary>
public static class ApiKeyClaims
{
    public const string Scope = "scope";
    public const string Kind = "key_kind";
    public const string Origin = "allowed_origin";
    public const string RateLimit = "rate_limit";

    // Built once per key record and shared by its requests: nothing in the pipeline changes a
    // principal, and building one cost a dozen objects on every request.
    private static readonly ConditionalWeakTable<ApiKey, ClaimsPrincipal> ByKey = new();

    /// <summary>The principal of a key authenticated by <see cref="ApiKeyAuthenticationHandler"/>.</summary>
    public static ClaimsPrincipal Shared(ApiKey key) =>
        ByKey.GetValue(key, k => Principal(k, ApiKeyAuthenticationHandler.SchemeName));

    public static ClaimsPrincipal Principal(ApiKey key, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ClaimTypes.Name, key.Id),
            new(Kind, key.Kind.ToString()),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(Scope, s)));
        claims.AddRange(key.AllowedOrigins.Select(o => new Claim(Origin, o)));
        if (key.RateLimitPerMinute is { } limit)
        {
            claims.Add(new Claim(RateLimit, limit.ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static string? KeyId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static IReadOnlyList<string> Scopes(this ClaimsPrincipal user) =>
        [.. user.FindAll(Scope).Select(c => c.Value)];

    public static bool IsBrowserKey(this ClaimsPrincipal user) =>
        user.FindFirstValue(Kind) == nameof(ApiKeyKind.Browser);

    public static int? RateLimitPerMinute(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(RateLimit), CultureInfo.InvariantCulture, out var limit) ? limit : null;
}

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

    public static string? KeyId(this ClaimsPrincipal user) => Read(user).KeyId;

    public static IReadOnlyList<string> Scopes(this ClaimsPrincipal user) => Read(user).Scopes;

    public static IReadOnlyList<string> AllowedOrigins(this ClaimsPrincipal user) => Read(user).Origins;

    public static bool IsBrowserKey(this ClaimsPrincipal user) => Read(user).Kind == nameof(ApiKeyKind.Browser);

    public static int? RateLimitPerMinute(this ClaimsPrincipal user) => Read(user).RateLimit;

    // Every request asks its principal these questions three or four times, and the principals
    // of keys and signatures are shared and never change: each is read once and kept beside its
    // principal. An anonymous request's principal is new every time and says nothing.
    private static readonly ConditionalWeakTable<ClaimsPrincipal, KeyFacts> FactsOf = new();

    private static KeyFacts Read(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? FactsOf.GetValue(user, ReadClaims) : KeyFacts.None;

    private static KeyFacts ReadClaims(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(Kind),
        int.TryParse(user.FindFirstValue(RateLimit), CultureInfo.InvariantCulture, out var limit) ? limit : null,
        [.. user.FindAll(Scope).Select(c => c.Value)],
        [.. user.FindAll(Origin).Select(c => c.Value)]);

    private sealed record KeyFacts(string? KeyId, string? Kind, int? RateLimit, string[] Scopes, string[] Origins)
    {
        public static readonly KeyFacts None = new(null, null, null, [], []);
    }
}

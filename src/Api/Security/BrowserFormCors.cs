using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace ChronusCrm.Api.Security;

/// <summary>
/// The CORS policy of the lead form webhook: a preflight is granted to the allowed origins of the
/// browser keys that are in use, and to no one else. Origins are read from the key registry and
/// kept for a few seconds; the request itself is checked against its own key's origins.
/// </summary>
public sealed class BrowserFormCors(IGrainFactory grains, TimeProvider clock) : ICorsPolicyProvider
{
    public const string PolicyName = "browser-forms";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private (DateTimeOffset At, CorsPolicy Policy)? _cached;

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (policyName != PolicyName)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (_cached is { } cached && now - cached.At < CacheFor)
        {
            return cached.Policy;
        }

        var keys = await grains.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.Key).ListAsync();
        var origins = keys
            .Where(k => k.Kind == ApiKeyKind.Browser && k.IsUsable(now))
            .SelectMany(k => k.AllowedOrigins)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();

        var policy = new CorsPolicyBuilder()
            .WithOrigins(origins)
            .WithMethods(HttpMethods.Post)
            .WithHeaders("Content-Type", ApiKeyAuthenticationHandler.HeaderName, "Idempotency-Key")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
            .Build();
        _cached = (now, policy);
        return policy;
    }
}

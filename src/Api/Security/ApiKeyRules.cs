using ChronusCrm.Api.Validation;
using ChronusCrm.Grains.Abstractions.Security;

namespace ChronusCrm.Api.Security;

/// <summary>The rules of a new key that annotations cannot say.</summary>
public static class ApiKeyRules
{
    public static IEnumerable<FieldViolation> Check(ApiKeyRequest request, DateTimeOffset now)
    {
        var scopes = request.Scopes ?? [];
        if (request.Scopes is { Count: 0 })
        {
            yield return new("scopes", "minItems", "scopes must name at least one scope");
        }

        foreach (var unknown in scopes.Where(s => !ApiScopes.IsKnown(s)))
        {
            yield return new("scopes", "oneOf", $"'{unknown}' is not a scope; use {string.Join(", ", ApiScopes.All)}");
        }

        var origins = request.AllowedOrigins ?? [];
        foreach (var origin in origins.Where(o => !IsOrigin(o)))
        {
            yield return new("allowedOrigins", "origin", $"'{origin}' is not an origin like https://www.example.com");
        }

        if (origins.Count > 0 && scopes.Any(s => s != ApiScopes.LeadsSubmit))
        {
            yield return new("scopes", "browserKey", "a browser key (one with allowedOrigins) may only hold leads:submit");
        }

        if (request.ExpiresAt is { } expires && expires <= now)
        {
            yield return new("expiresAt", "future", "expiresAt must be in the future");
        }
    }

    public static string NormalizeOrigin(string origin) => origin.Trim().TrimEnd('/').ToLowerInvariant();

    private static bool IsOrigin(string text) =>
        Uri.TryCreate(text.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query);
}

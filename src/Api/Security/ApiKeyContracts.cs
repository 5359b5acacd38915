using System.ComponentModel.DataAnnotations;
using ChronusCrm.Api.Validation;

namespace ChronusCrm.Api.Security;

/// <summary>
/// A new key. With <c>allowedOrigins</c> it is a browser key (pk_live_) for landing pages, which
/// may only hold <c>leads:submit</c>; without, a secret key (sk_live_).
/// </summary>
public sealed record ApiKeyRequest
{
    [Required(ErrorMessage = Rules.Required)]
    [StringLength(100, MinimumLength = 1, ErrorMessage = Rules.Length)]
    public string? Name { get; init; }

    [Required(ErrorMessage = Rules.Required)]
    public IReadOnlyList<string>? Scopes { get; init; }

    public IReadOnlyList<string>? AllowedOrigins { get; init; }

    [Range(1, 1_000_000, ErrorMessage = Rules.NonNegativeAmount)]
    public int? RateLimitPerMinute { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>A key as listed: never the raw key.</summary>
public sealed record ApiKeyView(
    string Id,
    string Name,
    string Kind,
    string Prefix,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> AllowedOrigins,
    int? RateLimitPerMinute,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>The answer to a creation: the only time the raw key is shown.</summary>
public sealed record CreatedApiKeyView(string Key, ApiKeyView ApiKey);

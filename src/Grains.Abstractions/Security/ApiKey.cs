namespace ChronusCrm.Grains.Abstractions.Security;

public enum ApiKeyKind
{
    /// <summary>sk_live_: for servers and scripts; never to be shipped to a browser.</summary>
    Secret,

    /// <summary>pk_live_: for landing-page forms; may only submit leads, from its allowed origins.</summary>
    Browser,
}

/// <summary>An API key as the service knows it: never the raw key, which is shown once and not kept.</summary>
[GenerateSerializer, Immutable, Alias("chronus.ApiKey")]
public sealed record ApiKey
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public ApiKeyKind Kind { get; init; }

    /// <summary>The first characters of the raw key, enough for a person to tell keys apart.</summary>
    [Id(3)] public required string Prefix { get; init; }

    [Id(4)] public IReadOnlyList<string> Scopes { get; init; } = [];
    [Id(5)] public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    [Id(6)] public int? RateLimitPerMinute { get; init; }
    [Id(7)] public DateTimeOffset CreatedAt { get; init; }
    [Id(8)] public DateTimeOffset? ExpiresAt { get; init; }
    [Id(9)] public DateTimeOffset? RevokedAt { get; init; }
    [Id(10)] public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>The id of the key that created this one, or null for a bootstrap key.</summary>
    [Id(11)] public string? CreatedBy { get; init; }

    /// <summary>The digest the key is looked up by; see <see cref="ApiKeyDigest"/>.</summary>
    [Id(12)] public required string Digest { get; init; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

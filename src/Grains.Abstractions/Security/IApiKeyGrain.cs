using Orleans.Concurrency;

namespace ChronusCrm.Grains.Abstractions.Security;

/// <summary>
/// One API key, keyed by <see cref="ApiKeyDigest.Of"/> of the raw key. A silo asks it about a key
/// and may remember the answer for a few seconds; the grain tells every silo that remembers the
/// key of its revocation before the revocation is answered, so it is seen at once everywhere.
/// </summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores the key; called again it leaves the stored key as it is.</summary>
    Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default);

    /// <summary>The stored key whatever its state, or null when there is none.</summary>
    [AlwaysInterleave]
    Task<ApiKey?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The key if it exists and is neither revoked nor expired; notes its use. When
    /// <paramref name="rememberedBy"/> is given, it is told if the key is revoked later.
    /// </summary>
    [AlwaysInterleave]
    Task<ApiKey?> AuthenticateAsync(IApiKeyObserver? rememberedBy = null, CancellationToken cancellationToken = default);

    /// <summary>Makes the key unusable, and answers once every silo that remembered it has forgotten it.</summary>
    Task RevokeAsync(DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>
/// The list of every key (a handful, not thousands), for the admin listing, for revocation by id and
/// for the browser origins that the CORS preflight grants.
/// </summary>
public interface IApiKeyRegistryGrain : IGrainWithStringKey
{
    public const string Key = "default";

    Task AddAsync(ApiKey key, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the key revoked in the listing; false when there is no key with this id.</summary>
    Task<bool> MarkRevokedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records the last use a key grain reported (they report at most once a minute).</summary>
    Task NoteUseAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the first admin key when no key exists yet and none was ever made; returns true if
    /// it did, so that the caller prints the raw key once. Never true twice.
    /// </summary>
    Task<bool> CreateFirstAdminAsync(ApiKey key, CancellationToken cancellationToken = default);
}

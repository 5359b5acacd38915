using System.Collections.Concurrent;
using ChronusCrm.Grains.Abstractions.Security;

namespace ChronusCrm.Api.Security;

/// <summary>
/// The keys this silo checked in the last few seconds, so that a request does not ask the key's
/// grain every time. The grain tells this memory of a revocation before it answers the revocation,
/// so a revoked key stops at once on every silo. An entry also lapses after <see cref="Lifetime"/>:
/// that bounds how long a key can outlive a revocation that did not reach this silo, which happens
/// only when the silo of the key's grain dies between a check and the revocation.
/// </summary>
public sealed class ApiKeyCache(IGrainFactory grains, TimeProvider clock) : IApiKeyObserver
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _byRawKey = new(StringComparer.Ordinal);
    private IApiKeyObserver? _self;
    private long _forgets;

    /// <summary>The key if it exists and is neither revoked nor expired.</summary>
    public async ValueTask<ApiKey?> AuthenticateAsync(string rawKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_byRawKey.TryGetValue(rawKey, out var known) && known.Until > now && known.Key.IsUsable(now))
        {
            return known.Key;
        }

        // A revocation that arrives while the grain is asked may be older or newer than its
        // answer: the answer is then used once but not remembered.
        var forgetsBefore = Interlocked.Read(ref _forgets);
        var digest = known?.Key.Digest ?? ApiKeyDigest.Of(rawKey);
        var key = await grains.GetGrain<IApiKeyGrain>(digest).AuthenticateAsync(Self(), cancellationToken);
        if (key is null)
        {
            _byRawKey.TryRemove(rawKey, out _);
            return null;
        }

        if (Interlocked.Read(ref _forgets) == forgetsBefore)
        {
            Remember(rawKey, new Entry(key, now + Lifetime));
        }

        return key;
    }

    public Task ForgetAsync(string digest)
    {
        Interlocked.Increment(ref _forgets);
        foreach (var (rawKey, entry) in _byRawKey)
        {
            if (entry.Key.Digest == digest)
            {
                _byRawKey.TryRemove(rawKey, out _);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>This memory as the grains reach it; the cache lives as long as the process.</summary>
    private IApiKeyObserver Self() =>
        LazyInitializer.EnsureInitialized(ref _self, () => grains.CreateObjectReference<IApiKeyObserver>(this));

    private void Remember(string rawKey, Entry entry)
    {
        // Only keys that authenticated get here, so the bound is reached only with thousands of
        // keys in use at once; starting over then costs one grain call per key.
        if (_byRawKey.Count >= MaxEntries)
        {
            _byRawKey.Clear();
        }

        _byRawKey[rawKey] = entry;
    }

    private sealed record Entry(ApiKey Key, DateTimeOffset Until);
}

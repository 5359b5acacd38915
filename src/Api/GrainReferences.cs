namespace ChronusCrm.Api;

/// <summary>
/// A fixed number of grain references kept for reuse. Making a reference looks up its interface
/// and builds a proxy with its copiers, which on the message hot path costs more than the lookup
/// here; a slot simply holds the last key that hashed to it, so memory stays bounded.
/// </summary>
public sealed class GrainReferences<TGrain>(IGrainFactory grains, int slots)
    where TGrain : IGrainWithStringKey
{
    private readonly Entry?[] _entries = new Entry?[slots];

    public TGrain Get(string key)
    {
        var slot = (int)((uint)key.GetHashCode() % (uint)_entries.Length);
        if (_entries[slot] is { } entry && entry.Key == key)
        {
            return entry.Grain;
        }

        var grain = grains.GetGrain<TGrain>(key);
        _entries[slot] = new Entry(key, grain);
        return grain;
    }

    private sealed record Entry(string Key, TGrain Grain);
}

namespace ChronusCrm.Api;

/// <summary>
/// A fixed number of values kept by string key, for what costs more to make than to look up. A
/// key may sit in either of two slots: with one, two busy keys that hash to the same slot evict
/// each other on every request (a few percent of 1,000 senders in 16,384 slots did). Memory stays
/// bounded; a full pair gives up its first slot. Safe to share between threads: a slot holds one
/// immutable entry, and a lost race only costs a value made twice.
/// </summary>
public sealed class SlotCache<TValue>(int slots)
{
    private readonly Entry?[] _entries = new Entry?[slots];

    public bool TryGet(string key, out TValue value)
    {
        var (first, second) = SlotsOf(key);
        if (_entries[first] is { } atFirst && atFirst.Key == key)
        {
            value = atFirst.Value;
            return true;
        }

        if (_entries[second] is { } atSecond && atSecond.Key == key)
        {
            value = atSecond.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        var (first, second) = SlotsOf(key);
        var slot = _entries[first] is null || _entries[second] is not null ? first : second;
        _entries[slot] = new Entry(key, value);
    }

    private (int First, int Second) SlotsOf(string key)
    {
        var hash = (uint)key.GetHashCode();
        var first = (int)(hash % (uint)_entries.Length);
        var second = (int)(((hash >> 16) ^ (hash * 0x9E3779B1u)) % (uint)_entries.Length);
        return (first, second == first ? (first + 1) % _entries.Length : second);
    }

    private sealed record Entry(string Key, TValue Value);
}

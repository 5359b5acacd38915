using ChronusCrm.Api;

namespace ChronusCrm.Tests.Api;

public sealed class SlotCacheTests
{
    [Fact]
    public void Two_keys_that_share_a_slot_are_both_kept()
    {
        const int slots = 64;
        var (first, second) = TwoKeysWithTheSameFirstSlot(slots);
        var cache = new SlotCache<int>(slots);

        cache.Set(first, 1);
        cache.Set(second, 2);

        Assert.True(cache.TryGet(first, out var one));
        Assert.True(cache.TryGet(second, out var two));
        Assert.Equal((1, 2), (one, two));
    }

    [Fact]
    public void Many_more_keys_than_slots_keep_memory_bounded_and_never_answer_for_another_key()
    {
        var cache = new SlotCache<string>(4);
        var keys = Enumerable.Range(0, 100).Select(i => $"key-{i}").ToList();

        foreach (var key in keys)
        {
            cache.Set(key, "value of " + key);
            Assert.True(cache.TryGet(key, out var justSet));
            Assert.Equal("value of " + key, justSet);
        }

        var kept = keys.Where(key => cache.TryGet(key, out _)).ToList();
        Assert.InRange(kept.Count, 1, 4);
        Assert.All(kept, key => Assert.Equal("value of " + key, cache.TryGet(key, out var value) ? value : null));
    }

    private static (string First, string Second) TwoKeysWithTheSameFirstSlot(int slots)
    {
        // String hashes differ between processes, so the pair is found at run time.
        var seen = new Dictionary<uint, string>();
        for (var i = 0; ; i++)
        {
            var key = $"conv-{i}";
            var slot = (uint)key.GetHashCode() % (uint)slots;
            if (seen.TryGetValue(slot, out var earlier))
            {
                return (earlier, key);
            }

            seen[slot] = key;
        }
    }
}

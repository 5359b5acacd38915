using ChronusCrm.Api;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Api;

[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public void Two_keys_that_share_a_slot_are_both_kept()
    {
        const int slots = 64;
        var (first, second) = TwoKeysWithTheSameFirstSlot(slots);
        var references = new GrainReferences<IConversationGrain>(fixture.Grains, slots);

        // Worth checking only because the factory builds a new reference on every call.
        Assert.NotSame(fixture.Grains.GetGrain<IConversationGrain>(first), fixture.Grains.GetGrain<IConversationGrain>(first));

        var kept = references.Get(first);
        references.Get(second);

        Assert.Same(kept, references.Get(first));
        Assert.Same(references.Get(second), references.Get(second));
        Assert.Equal(first, kept.GetPrimaryKeyString());
    }

    [Fact]
    public void Many_more_keys_than_slots_still_answer_with_their_own_grain()
    {
        var references = new GrainReferences<IConversationGrain>(fixture.Grains, 4);

        var keys = Enumerable.Range(0, 100).Select(i => $"conv-{i}").ToList();

        Assert.All(keys, key => Assert.Equal(key, references.Get(key).GetPrimaryKeyString()));
    }

    private static (string First, string Second) TwoKeysWithTheSameFirstSlot(int slots)
    {
        // string hashes differ between processes, so the pair is found at run time.
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

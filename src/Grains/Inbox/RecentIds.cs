using ChronusCrm.Grains.Abstractions.Inbox;

namespace ChronusCrm.Grains.Inbox;

/// <summary>The last N external ids of a conversation and where they landed; the oldest drop out first.</summary>
internal sealed class RecentIds(int capacity)
{
    private readonly Dictionary<string, AppendResult> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Add(string externalId, AppendResult result)
    {
        if (!_byId.TryAdd(externalId, result))
        {
            return;
        }

        _order.Enqueue(externalId);
        if (_order.Count > capacity)
        {
            _byId.Remove(_order.Dequeue());
        }
    }

    public bool TryGet(string externalId, out AppendResult result) => _byId.TryGetValue(externalId, out result!);
}

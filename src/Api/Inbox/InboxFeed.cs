using ChronusCrm.Grains.Abstractions.Inbox;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Api.Inbox;

/// <summary>What a live-feed connection is sent next, and how far the log has been looked at for it.</summary>
public sealed record FeedPage(IReadOnlyList<FeedEntry> Entries, long Position);

/// <summary>
/// Follows the inbox log for every live-feed connection of this silo: one reader of the log however
/// many connections there are, and none while there are none. It keeps the newest entries; a
/// connection further behind reads the log itself until it has caught up. Log ids commit in order
/// (see the log's writer), so "everything up to the newest id seen" has no holes.
/// </summary>
public sealed partial class InboxFeed(IMessageHistory history, TimeProvider clock, ILogger<InboxFeed> logger)
{
    public const int PageSize = 500;
    private const int Keep = 4096;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly List<FeedEntry> _recent = [];
    private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _subscribers;
    private bool _following;

    // Every entry with an id above _floor, up to _latest, is in _recent; _floor is -1 while the
    // follower has not read the log yet.
    private long _floor = -1;
    private long _latest;

    /// <summary>Counts a connection; the log is followed while at least one is counted.</summary>
    public IDisposable Subscribe()
    {
        lock (_gate)
        {
            _subscribers++;
            if (!_following)
            {
                _following = true;
                _ = Task.Run(FollowAsync);
            }
        }

        return new Subscription(this);
    }

    /// <summary>The entries after <paramref name="after"/>, from memory when it reaches back that far.</summary>
    public async Task<FeedPage> ReadAsync(long after, string? conversationId, CancellationToken cancellationToken)
    {
        long seen;
        lock (_gate)
        {
            if (_floor >= 0 && after >= _floor)
            {
                return FromMemory(after, conversationId);
            }

            seen = _floor >= 0 ? _latest : after;
        }

        // Behind what is kept: read the log. A short page reached the log's end, which lies beyond
        // every id the follower had seen before the read began.
        var entries = await history.ReadFeedAsync(after, conversationId, PageSize, cancellationToken);
        var last = entries.Count > 0 ? entries[^1].Id : after;
        return new FeedPage(entries, entries.Count < PageSize ? Math.Max(last, seen) : last);
    }

    /// <summary>Waits until the log has moved past <paramref name="position"/>, or at most <paramref name="longest"/>.</summary>
    public async Task WaitAsync(long position, TimeSpan longest, CancellationToken cancellationToken)
    {
        Task moved;
        lock (_gate)
        {
            if (_floor >= 0 && _latest > position)
            {
                return;
            }

            // Until the follower has read the log once, waiting falls back to polling.
            longest = _floor >= 0 ? longest : PollEvery;
            moved = _moved.Task;
        }

        try
        {
            await moved.WaitAsync(longest, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Quiet for a while: the caller sends a keep-alive.
        }
    }

    private FeedPage FromMemory(long after, string? conversationId)
    {
        // A connection may start ahead of the follower, at the log's end; it never moves back.
        var entries = new List<FeedEntry>();
        var position = Math.Max(after, _latest);
        for (var i = FirstAfter(after); i < _recent.Count; i++)
        {
            var entry = _recent[i];
            if (conversationId is not null && entry.ConversationId != conversationId)
            {
                continue;
            }

            if (entries.Count == PageSize)
            {
                position = entries[^1].Id;
                break;
            }

            entries.Add(entry);
        }

        return new FeedPage(entries, position);
    }

    /// <summary>The index of the first kept entry with an id above <paramref name="after"/>; ids are in order.</summary>
    private int FirstAfter(long after)
    {
        var (low, high) = (0, _recent.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = _recent[middle].Id <= after ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    private async Task FollowAsync()
    {
        var position = -1L;
        while (true)
        {
            lock (_gate)
            {
                if (_subscribers == 0)
                {
                    // Nobody listens: stop, and start afresh from the log's end next time.
                    _following = false;
                    _floor = -1;
                    _recent.Clear();
                    return;
                }
            }

            var full = false;
            try
            {
                if (position < 0)
                {
                    position = await history.LatestFeedIdAsync(CancellationToken.None);
                    Moved([], position);
                }
                else
                {
                    var entries = await history.ReadFeedAsync(position, null, PageSize, CancellationToken.None);
                    if (entries.Count > 0)
                    {
                        position = entries[^1].Id;
                        Moved(entries, position);
                    }

                    full = entries.Count == PageSize;
                }
            }
            catch (Exception exception)
            {
                LogFollowFailed(logger, exception);
            }

            if (!full)
            {
                await Task.Delay(PollEvery, clock);
            }
        }
    }

    private void Moved(IReadOnlyList<FeedEntry> entries, long position)
    {
        lock (_gate)
        {
            if (_floor < 0)
            {
                _floor = position;
            }

            _recent.AddRange(entries);
            if (_recent.Count > Keep)
            {
                var drop = _recent.Count - Keep;
                _floor = _recent[drop - 1].Id;
                _recent.RemoveRange(0, drop);
            }

            _latest = position;
            var moved = _moved;
            _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);
            moved.TrySetResult();
        }
    }

    private void Unsubscribe()
    {
        lock (_gate)
        {
            _subscribers--;
        }
    }

    private sealed class Subscription(InboxFeed feed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Unsubscribe();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the inbox log for the live feed failed; retrying")]
    private static partial void LogFollowFailed(ILogger logger, Exception exception);
}

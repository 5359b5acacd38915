using ChronusCrm.Grains.Inbox;

namespace ChronusCrm.Tests.Inbox;

/// <summary>
/// How often a partition writes the inbox listing: every second while few conversations change,
/// less often once a flush's rows exceed the pace, and never less often than the bound.
/// </summary>
public sealed class ListingPaceTests
{
    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(InboxProjectionGrain.RowsPerSecond, 1.0)]
    [InlineData(InboxProjectionGrain.RowsPerSecond * 3, 3.0)]
    [InlineData(InboxProjectionGrain.RowsPerSecond * 9 / 2, 4.5)]
    [InlineData(1_000_000, 5.0)]
    public void The_window_grows_with_the_rows_of_the_last_flush_up_to_its_bound(int rows, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), InboxProjectionGrain.NextFlush(rows));
}

using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.Streams;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// Keeps the inbox listing current from one partition of the conversation stream. A busy
/// conversation changes many times a second; only its latest state matters to the listing, so
/// changes are gathered and written together, every second, or less often under heavy load
/// (see <see cref="NextFlush"/>).
/// </summary>
[ImplicitStreamSubscription(ChronusStreams.Conversations)]
public sealed partial class InboxProjectionGrain(
    ConversationDirectory directory,
    ILogger<InboxProjectionGrain> logger) : Grain, IGrainWithStringKey
{
    /// <summary>
    /// The rows a partition writes to the listing per second, on average, before its gathering
    /// window grows. Each row costs PostgreSQL more than a message's row in the inbox log (the
    /// listing's indexes all take a new entry on every rewrite); at 10,000 busy senders almost
    /// every message changed a conversation of its own within one second, and the listing took
    /// twice PostgreSQL's time of the log itself.
    /// </summary>
    public const int RowsPerSecond = 250;

    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    /// <summary>How far behind the log the listing may fall under load; the live feed never is.</summary>
    private static readonly TimeSpan FlushAtMost = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, Conversation> _waiting = [];
    private IGrainTimer? _timer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(ChronusStreams.Provider).GetStream<ConversationEvents>(
            StreamId.Create(ChronusStreams.Conversations, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((batch, _) =>
        {
            foreach (var change in batch.Events)
            {
                Gather(change.Conversation);
            }

            return Task.CompletedTask;
        });
        _timer = this.RegisterGrainTimer(
            FlushAndRearmAsync,
            new GrainTimerCreationOptions { DueTime = FlushEvery, Period = Timeout.InfiniteTimeSpan });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        await FlushAsync(cancellationToken);
    }

    private Task Gather(Conversation conversation)
    {
        // Keep the newer of the two halves: messages by sequence, changes by version.
        if (_waiting.TryGetValue(conversation.Id, out var held))
        {
            var messages = held.LastSequence >= conversation.LastSequence ? held : conversation;
            var changes = held.Version >= conversation.Version ? held : conversation;
            conversation = changes with
            {
                LastSequence = messages.LastSequence,
                LastActivityAt = messages.LastActivityAt,
                IncomingCount = messages.IncomingCount,
                Preview = messages.Preview,
            };
        }

        _waiting[conversation.Id] = conversation;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits long enough after writing <paramref name="rows"/> rows to keep to
    /// <see cref="RowsPerSecond"/>: the longer the window, the more changes of one conversation
    /// become one row.
    /// </summary>
    public static TimeSpan NextFlush(int rows)
    {
        var pace = TimeSpan.FromSeconds((double)rows / RowsPerSecond);
        return pace < FlushEvery ? FlushEvery : pace > FlushAtMost ? FlushAtMost : pace;
    }

    private async Task FlushAndRearmAsync(CancellationToken cancellationToken)
    {
        var rows = 0;
        try
        {
            rows = await FlushAsync(cancellationToken);
        }
        finally
        {
            _timer?.Change(NextFlush(rows), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes what has gathered; answers how many rows that was.</summary>
    private async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        if (_waiting.Count == 0)
        {
            return 0;
        }

        var batch = _waiting.Values.ToList();
        _waiting.Clear();
        try
        {
            await directory.ProjectAsync(batch, cancellationToken);
            return batch.Count;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Kept for the next flush, a second away; an older copy never overwrites a newer one.
            batch.ForEach(c => Gather(c));
            LogFlushFailed(logger, exception, batch.Count);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} conversations to the inbox listing failed; retrying")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int count);
}

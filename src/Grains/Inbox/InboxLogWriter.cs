using System.Threading.Channels;
using ChronusCrm.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// Group commit for the inbox log. Conversation grains hand it their rows and wait; it writes
/// whatever has queued up, from every conversation of this silo, in one transaction, then answers
/// them all. Throughput comes from sharing the cost of a durable commit, never from skipping it.
/// </summary>
public sealed partial class InboxLogWriter(ChronusDatabase database, ILogger<InboxLogWriter> logger)
    : BackgroundService
{
    private const int MaxRowsPerCommit = 4000;

    private readonly Channel<PendingWrite> _queue =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IInboxLogInserter _inserter = database.Mode == StorageMode.Postgres
        ? new PostgresLogInserter(database)
        : new SqliteLogInserter(database);

    /// <summary>Completes once the rows are committed; fails if they are not.</summary>
    public Task AppendAsync(IReadOnlyList<LogRow> rows)
    {
        var pending = new PendingWrite(rows);
        return _queue.Writer.TryWrite(pending)
            ? pending.Done.Task
            : Task.FromException(new InvalidOperationException("The inbox log is shutting down."));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Grains have stopped by now (the silo stops first); finish what they handed in.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>();
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            var rows = 0;
            while (rows < MaxRowsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                rows += pending.Rows.Count;
            }

            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            using (await database.EnterWriteAsync(CancellationToken.None))
            {
                await _inserter.InsertAsync(batch.SelectMany(p => p.Rows).ToList());
            }

            batch.ForEach(p => p.Done.TrySetResult());
            return;
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            LogBatchFailed(logger, exception, batch.Count);
        }
        catch (Exception exception)
        {
            batch[0].Done.TrySetException(exception);
            return;
        }

        // One bad write must not fail its neighbours: retry each on its own.
        foreach (var pending in batch)
        {
            try
            {
                using (await database.EnterWriteAsync(CancellationToken.None))
                {
                    await _inserter.InsertAsync(pending.Rows);
                }

                pending.Done.TrySetResult();
            }
            catch (Exception exception)
            {
                pending.Done.TrySetException(exception);
            }
        }
    }

    private sealed record PendingWrite(IReadOnlyList<LogRow> Rows)
    {
        // Only grains wait here, and a grain's continuation is always queued to its own
        // scheduler, never run on this loop: completing in place saves a thread-pool hop.
        public TaskCompletionSource Done { get; } = new();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Writes} writes failed; retrying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int writes);
}

using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.Streams;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// The write path: messages queue while a write is in flight; the next write drops provider
/// retries, numbers what is left, appends it to the log and answers every caller.
/// </summary>
public sealed partial class ConversationGrain
{
    private async Task<AppendResult> DuplicateOfAsync(PendingMessage queued) =>
        await queued.Done.Task with { Duplicate = true };

    private Task<AppendResult> EnqueueAsync(PendingMessage pending)
    {
        _pending.Add(pending);
        if (!_writing)
        {
            _writing = true;
            _ = WriteQueuedAsync();
        }

        return pending.Done.Task;
    }

    /// <summary>Writes what has queued up, again and again, until nothing waits.</summary>
    private async Task WriteQueuedAsync()
    {
        try
        {
            while (_pending.Count > 0)
            {
                var batch = _pending;
                _pending = [];
                await WriteBatchAsync(batch);
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private async Task WriteBatchAsync(List<PendingMessage> batch)
    {
        var isNew = _tail.Last is null;
        var (messages, rows) = await NumberAndWriteAsync(batch);
        if (messages is null)
        {
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var result = new AppendResult(messages[i].Id, ConversationId, messages[i].Sequence, Duplicate: false);
            if (messages[i].ExternalId is { } externalId)
            {
                _recent.Add(externalId, result);
            }

            batch[i].Done.TrySetResult(result);
        }

        events.Publish(new ConversationEvent(Snapshot(), messages));
        if (isNew)
        {
            _ = LinkKnownCustomerAsync(messages[0]);
        }
    }

    /// <summary>
    /// Numbers the batch and writes it. A failed write may mean the log moved on without this
    /// activation (another activation of the conversation wrote during a failover), or that the
    /// batch holds a retry of a message older than memory: the tail is read again and the batch,
    /// minus what is now known, numbered and written once more.
    /// </summary>
    private async Task<(List<Message>? Messages, List<LogRow>? Rows)> NumberAndWriteAsync(List<PendingMessage> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = _tail;
            var (messages, rows) = Number(batch);
            try
            {
                await writer.AppendAsync(rows);
                return (messages, rows);
            }
            catch (Exception exception) when (attempt == 1)
            {
                _tail = before;
                LogWriteRetried(logger, exception, ConversationId);
                await ReloadTailAsync();
                batch = await DropLoggedBeforeAsync(DropRecent(batch));
                if (batch.Count == 0)
                {
                    return (null, null);
                }
            }
            catch (Exception exception)
            {
                _tail = before;
                LogWriteFailed(logger, exception, ConversationId, batch.Count);
                batch.ForEach(p => p.Done.TrySetException(exception));
                return (null, null);
            }
        }
    }

    private async Task ReloadTailAsync()
    {
        _tail = await log.ReadTailAsync(ConversationId, RecentExternalIds, CancellationToken.None);
        foreach (var (externalId, result) in _tail.RecentExternalIds)
        {
            _recent.Add(externalId, result);
        }
    }

    /// <summary>Answers, from memory, the messages of the batch that turn out to be logged already.</summary>
    private List<PendingMessage> DropRecent(List<PendingMessage> batch)
    {
        var remaining = new List<PendingMessage>(batch.Count);
        foreach (var pending in batch)
        {
            if (pending.Message.ExternalId is { } id && _recent.TryGet(id, out var logged))
            {
                pending.Done.TrySetResult(logged with { Duplicate = true });
            }
            else
            {
                remaining.Add(pending);
            }
        }

        return remaining;
    }

    /// <summary>
    /// A retry older than the ids kept in memory is refused by the log's unique index on external
    /// ids; the refused write comes here, after the tail is read again, to answer such retries
    /// from the log before the rest of the batch is numbered again. The common write never asks.
    /// </summary>
    private async Task<List<PendingMessage>> DropLoggedBeforeAsync(List<PendingMessage> batch)
    {
        // Until the conversation outgrows the memory, every external id it has is in memory.
        if (_tail.HasAllExternalIds && _tail.LastSequence <= RecentExternalIds)
        {
            return batch;
        }

        var unknown = batch.Select(p => p.Message.ExternalId).OfType<string>().ToList();
        if (unknown.Count == 0)
        {
            return batch;
        }

        var logged = await log.FindExternalIdsAsync(ConversationId, unknown, CancellationToken.None);
        foreach (var pending in batch.Where(p => p.Message.ExternalId is { } id && logged.ContainsKey(id)))
        {
            pending.Done.TrySetResult(logged[pending.Message.ExternalId!]);
        }

        return [.. batch.Where(p => p.Message.ExternalId is not { } id || !logged.ContainsKey(id))];
    }

    private (List<Message> Messages, List<LogRow> Rows) Number(List<PendingMessage> batch)
    {
        var messages = new List<Message>(batch.Count);
        var rows = new List<LogRow>(batch.Count);
        var sequence = _tail.LastSequence;
        var incoming = _tail.IncomingCount;
        foreach (var pending in batch)
        {
            var message = pending.Message with { Sequence = ++sequence };
            if (message.Direction == MessageDirection.Incoming)
            {
                incoming++;
            }

            messages.Add(message);
            rows.Add(new LogRow(ConversationId, LogRow.MessageKind, message.Sequence, message.Id,
                message.ExternalId, incoming, MessageLog.Serialize(message)));
        }

        var first = _tail.First ?? messages[0];
        _tail = _tail with
        {
            LastSequence = sequence,
            IncomingCount = incoming,
            First = first,
            Last = MessageLog.LastMessage.Of(messages[^1]),
        };
        return (messages, rows);
    }

    private sealed record PendingMessage(Message Message, IncomingMessage? Incoming)
    {
        // Completed inside this grain's turn; what waits is the runtime sending the answer, which
        // may as well run here as after a hop through the thread pool.
        public TaskCompletionSource<AppendResult> Done { get; } = new();
    }
}

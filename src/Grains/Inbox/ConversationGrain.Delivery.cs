using ChronusCrm.Grains.Abstractions.Inbox;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// Replies on their way out. Each reply is saved in the outbox before it is logged, then handed to
/// the platform's channel adapter in order; a failed attempt leaves it queued with the reason and
/// the time of the next try, with a growing backoff, until it is sent or refused for good. The
/// delivery registry wakes conversations whose outbox is not empty after a restart.
/// </summary>
public sealed partial class ConversationGrain
{
    private const int EchoesKept = 100;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _stateGate = new(1, 1);
    private IGrainTimer? _deliveryTimer;
    private bool _delivering;
    private bool _deliverAgain;

    public async Task<ReplyOutcome> ReplyAsync(OutgoingMessage reply, CancellationToken cancellationToken)
    {
        if (_tail.Last is null)
        {
            return new(null, null);
        }

        var conversation = Snapshot();
        if (Fence(reply, conversation) is { } refusal)
        {
            return new(null, refusal);
        }

        var adapter = AdapterFor(conversation);
        var draft = Draft(reply, conversation, adapter is not null);
        if (adapter is not null)
        {
            await AddToOutboxAsync(draft);
        }

        AppendResult logged;
        try
        {
            logged = await EnqueueAsync(new PendingMessage(draft, null));
        }
        catch
        {
            state.State.Outbox.RemoveAll(m => m.Id == draft.Id);
            await SaveStateAsync();
            throw;
        }

        var message = draft with { Sequence = logged.Sequence };
        if (adapter is not null)
        {
            ReplaceInOutbox(message);
            ScheduleDelivery(TimeSpan.Zero);
        }

        return new(message, null);
    }

    public Task<bool> ResumeDeliveriesAsync(CancellationToken cancellationToken)
    {
        if (state.State.Outbox.Count > 0 && !_delivering)
        {
            ScheduleDelivery(TimeSpan.Zero);
        }

        return Task.FromResult(state.State.Outbox.Count > 0);
    }

    private Message Draft(OutgoingMessage reply, Conversation conversation, bool deliverable) => new()
    {
        Id = ConversationIds.NewMessageId(),
        ConversationId = ConversationId,
        Direction = MessageDirection.Outgoing,
        Author = reply.Author,
        AuthorName = reply.AuthorName,
        Content = reply.Content,
        MediaUrl = reply.MediaUrl,
        MediaType = reply.MediaType,
        ReceivedAt = clock.GetUtcNow(),
        Platform = conversation.Platform,
        Participant = conversation.Sender,
        Delivery = DeliveryStatus.Queued,
        DeliveryDetail = deliverable
            ? null
            : $"No channel adapter delivers {conversation.Platform.ToString().ToLowerInvariant()} messages yet; the reply stays queued.",
        SenderId = reply.SenderId,
    };

    private IChannelAdapter? AdapterFor(Conversation conversation) =>
        adapters.FirstOrDefault(a => a.Delivers(conversation));

    private async Task AddToOutboxAsync(Message draft)
    {
        state.State.Outbox.Add(draft);
        await SaveStateAsync();
        if (state.State.Outbox.Count == 1)
        {
            await GrainFactory.GetGrain<IDeliveryRegistryGrain>(IDeliveryRegistryGrain.Key).AddAsync(ConversationId);
        }
    }

    private void ReplaceInOutbox(Message message)
    {
        var index = state.State.Outbox.FindIndex(m => m.Id == message.Id);
        if (index >= 0)
        {
            state.State.Outbox[index] = message;
        }
    }

    /// <summary>Entries saved just before a crash may lack their sequence: the log says whether they were logged.</summary>
    private async Task RecoverOutboxAsync(CancellationToken cancellationToken)
    {
        var unnumbered = state.State.Outbox.Where(m => m.Sequence == 0).ToList();
        foreach (var entry in unnumbered)
        {
            if (await log.FindMessageAsync(ConversationId, entry.Id, cancellationToken) is { } logged)
            {
                ReplaceInOutbox(entry with { Sequence = logged.Sequence });
            }
            else
            {
                state.State.Outbox.Remove(entry);
            }
        }

        if (state.State.Outbox.Count > 0)
        {
            ScheduleDelivery(TimeSpan.Zero);
        }
    }

    private void ScheduleDelivery(TimeSpan due)
    {
        if (_deliveryTimer is null)
        {
            // Interleaved, so a slow platform never holds up the conversation's other calls; the
            // loop re-reads the outbox after every await.
            _deliveryTimer = this.RegisterGrainTimer(DeliverDueAsync, new GrainTimerCreationOptions
            {
                DueTime = due,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = true,
                KeepAlive = true,
            });
            return;
        }

        _deliveryTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        if (_delivering)
        {
            _deliverAgain = true;
            return;
        }

        _delivering = true;
        try
        {
            do
            {
                _deliverAgain = false;
                await DeliverInOrderAsync(cancellationToken);
            }
            while (_deliverAgain);
        }
        finally
        {
            _delivering = false;
        }
    }

    /// <summary>Sends the outbox oldest first; a reply that must wait holds back those after it.</summary>
    private async Task DeliverInOrderAsync(CancellationToken cancellationToken)
    {
        while (state.State.Outbox.FirstOrDefault() is { Sequence: > 0 } next)
        {
            var wait = (next.NextDeliveryAt ?? DateTimeOffset.MinValue) - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                ScheduleDelivery(wait);
                return;
            }

            var conversation = Snapshot();
            if (AdapterFor(conversation) is not { } adapter)
            {
                return;
            }

            var outcome = await AttemptAsync(adapter, conversation, next, cancellationToken);
            if (state.State.Outbox.Find(m => m.Id == next.Id) is not { } current)
            {
                // Recognised in a sync while the call was out: AssistAI has it already.
                continue;
            }

            await RecordAsync(current, outcome);
            if (!outcome.Sent && outcome.Retry)
            {
                ScheduleDelivery(state.State.Outbox[0].NextDeliveryAt!.Value - clock.GetUtcNow());
                return;
            }
        }
    }

    private async Task<DeliveryOutcome> AttemptAsync(
        IChannelAdapter adapter,
        Conversation conversation,
        Message reply,
        CancellationToken cancellationToken)
    {
        try
        {
            return await adapter.DeliverAsync(conversation, reply, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogDeliveryCrashed(logger, exception, ConversationId);
            return new DeliveryOutcome(false, "The channel adapter failed unexpectedly.", Retry: true);
        }
    }

    private async Task RecordAsync(Message entry, DeliveryOutcome outcome)
    {
        var attempts = entry.DeliveryAttempts + 1;
        Message updated;
        if (outcome.Sent)
        {
            updated = entry with
            {
                Delivery = DeliveryStatus.Sent,
                DeliveryDetail = null,
                DeliveryAttempts = attempts,
                NextDeliveryAt = null,
                ExternalId = outcome.ExternalId,
            };
            state.State.Outbox.Remove(entry);
            if (outcome.ExternalId is null)
            {
                RememberEcho(updated);
            }
        }
        else if (outcome.Retry)
        {
            var next = clock.GetUtcNow() + Backoff(attempts);
            updated = entry with
            {
                DeliveryDetail = $"Attempt {attempts} failed: {outcome.Detail} The next attempt is due at {next:O}.",
                DeliveryAttempts = attempts,
                NextDeliveryAt = next,
            };
            ReplaceInOutbox(updated);
        }
        else
        {
            updated = entry with
            {
                Delivery = DeliveryStatus.Failed,
                DeliveryDetail = outcome.Detail,
                DeliveryAttempts = attempts,
                NextDeliveryAt = null,
            };
            state.State.Outbox.Remove(entry);
        }

        await SaveStateAsync();
        await PublishDeliveryAsync(updated);
        LogDelivery(logger, ConversationId, updated.Sequence, updated.Delivery!.Value, attempts);
    }

    /// <summary>2 s, 4 s, 8 s... up to 5 minutes, with a little jitter so that many replies do not retry in step.</summary>
    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(LongestRetry.TotalSeconds, FirstRetry.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 10)));
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    /// <summary>Rewrites the message's row with its delivery outcome and logs the change for the live feed.</summary>
    private async Task PublishDeliveryAsync(Message message)
    {
        await log.UpdateMessageAsync(message, CancellationToken.None);
        if (message.ExternalId is { } externalId)
        {
            _recent.Add(externalId, new AppendResult(message.Id, ConversationId, message.Sequence, Duplicate: true));
        }

        var row = new LogRow(ConversationId, LogRow.DeliveryKind, null, message.Id, null, null, MessageLog.Serialize(message));
        await writer.AppendAsync([row]);
    }

    private void RememberEcho(Message sent)
    {
        state.State.AwaitingEcho.Add(sent);
        if (state.State.AwaitingEcho.Count > EchoesKept)
        {
            state.State.AwaitingEcho.RemoveAt(0);
        }
    }

    /// <summary>
    /// A message read back from the platform that is one of our own replies: the oldest reply with
    /// the same content that is out, or on its way out, takes the platform's id, and nothing new is
    /// stored. Only messages not written by the customer can be such an echo.
    /// </summary>
    private async Task<bool> RecognizeEchoAsync(ImportedMessage message)
    {
        if (message.Author == MessageAuthor.Customer)
        {
            return false;
        }

        var content = message.Content.Trim();
        var echo = state.State.AwaitingEcho.Find(m => m.Content.Trim() == content)
            ?? state.State.Outbox.Find(m => m.Sequence > 0 && m.Content.Trim() == content);
        if (echo is null)
        {
            return false;
        }

        state.State.AwaitingEcho.Remove(echo);
        state.State.Outbox.Remove(echo);
        var recognised = echo with
        {
            ExternalId = message.ExternalId,
            Delivery = DeliveryStatus.Sent,
            DeliveryDetail = null,
            NextDeliveryAt = null,
        };
        await SaveStateAsync();
        await PublishDeliveryAsync(recognised);
        LogEchoRecognised(logger, ConversationId, recognised.Sequence);
        return true;
    }

    /// <summary>State writes come from interleaved turns too (deliveries); one at a time.</summary>
    private async Task SaveStateAsync()
    {
        await _stateGate.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _stateGate.Release();
        }
    }
}

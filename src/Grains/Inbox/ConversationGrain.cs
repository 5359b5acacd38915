using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.Streams;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// The single writer of one conversation. Messages that arrive while a write is in flight queue up
/// here and are logged together in the next write, in arrival order, with the next sequence
/// numbers; a caller is answered when its message is committed. Only one write is ever in flight,
/// so a failed write hands back its numbers and no gap is left.
/// </summary>
public sealed partial class ConversationGrain(
    [PersistentState("conversation")] IPersistentState<ConversationState> state,
    MessageLog log,
    InboxLogWriter writer,
    InboxEventPublisher events,
    IEnumerable<IChannelAdapter> adapters,
    TimeProvider clock,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    /// <summary>
    /// How many recent external ids are kept in memory to spot a provider's retries at no cost.
    /// An older retry is still refused, by the log's unique index, at the price of one lookup.
    /// Each id held costs about 150 bytes, so this bounds a busy conversation's memory.
    /// </summary>
    public const int RecentExternalIds = 256;

    private readonly RecentIds _recent = new(RecentExternalIds);
    private List<PendingMessage> _pending = [];
    private bool _writing;
    private MessageLog.Tail _tail = null!;

    // Read once: the runtime decodes a grain's string key into a new string on every call, and the
    // id goes into every message, log row and answer this grain makes.
    private string ConversationId => field ??= this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReloadTailAsync();
        await RecoverOutboxAsync(cancellationToken);
        ScheduleExpiry();
    }

    public Task<AppendResult> ReceiveAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        if (message.ExternalId is { } externalId)
        {
            if (_recent.TryGet(externalId, out var logged))
            {
                return Task.FromResult(logged with { Duplicate = true });
            }

            if (_pending.FirstOrDefault(p => p.Message.ExternalId == externalId) is { } queued)
            {
                return DuplicateOfAsync(queued);
            }
        }

        var draft = new Message
        {
            Id = ConversationIds.NewMessageId(),
            ConversationId = ConversationId,
            Direction = MessageDirection.Incoming,
            Author = MessageAuthor.Customer,
            AuthorName = message.SenderName,
            Content = message.Content,
            ExternalId = message.ExternalId,
            MediaUrl = message.MediaUrl,
            MediaType = message.MediaType,
            SentAt = message.SentAt,
            ReceivedAt = clock.GetUtcNow(),
            Platform = message.Platform,
            Participant = message.Sender,
        };

        return EnqueueAsync(new PendingMessage(draft, message));
    }

    public async Task<int> ImportAsync(IReadOnlyList<ImportedMessage> messages, CancellationToken cancellationToken)
    {
        var waiting = new List<Task<AppendResult>>();
        foreach (var message in messages)
        {
            if (_recent.TryGet(message.ExternalId, out _)
                || _pending.Any(p => p.Message.ExternalId == message.ExternalId)
                || await RecognizeEchoAsync(message))
            {
                continue;
            }

            waiting.Add(EnqueueAsync(new PendingMessage(Draft(message), null)));
        }

        var results = await Task.WhenAll(waiting);
        return results.Count(r => !r.Duplicate);
    }

    public async Task LinkAssistAiAsync(string assistAiConversationId, string? agentCode, CancellationToken cancellationToken)
    {
        if (state.State.AssistAiConversationId == assistAiConversationId && state.State.AgentCode == agentCode)
        {
            return;
        }

        state.State.AssistAiConversationId = assistAiConversationId;
        state.State.AgentCode = agentCode;
        if (_tail.Last is null)
        {
            // Nothing to show yet: the first imported message publishes the conversation.
            state.State.Version++;
            await SaveStateAsync();
            return;
        }

        await SaveChangeAsync();
    }

    public Task<Conversation?> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_tail.Last is null ? null : Snapshot());

    public async Task<Conversation?> UpdateAsync(ConversationChanges changes, CancellationToken cancellationToken)
    {
        if (_tail.Last is null)
        {
            return null;
        }

        var status = changes.Status ?? state.State.Status;
        var assignee = changes.ClearAssignee ? null : changes.Assignee ?? state.State.Assignee;
        var priority = changes.Priority ?? state.State.Priority;
        if (status == state.State.Status && assignee == state.State.Assignee && priority == state.State.Priority)
        {
            return Snapshot();
        }

        state.State.Status = status;
        state.State.Assignee = assignee;
        state.State.Priority = priority;
        return await SaveChangeAsync();
    }

    public async Task<Conversation?> MarkReadAsync(CancellationToken cancellationToken)
    {
        if (_tail.Last is null)
        {
            return null;
        }

        if (state.State.ReadIncomingCount == _tail.IncomingCount)
        {
            return Snapshot();
        }

        state.State.ReadIncomingCount = _tail.IncomingCount;
        return await SaveChangeAsync();
    }

    public async Task<Conversation?> LinkCustomerAsync(string customerId, bool byHand, CancellationToken cancellationToken)
    {
        if (_tail.Last is null)
        {
            return null;
        }

        if (state.State.CustomerId == customerId || (!byHand && state.State.LinkedByHand))
        {
            return Snapshot();
        }

        state.State.CustomerId = customerId;
        state.State.LinkedByHand = byHand;
        var linked = await SaveChangeAsync();
        LogLinked(logger, ConversationId, customerId, byHand);
        return linked;
    }

    private Message Draft(ImportedMessage message) => new()
    {
        Id = ConversationIds.NewMessageId(),
        ConversationId = ConversationId,
        Direction = message.Direction,
        Author = message.Author,
        AuthorName = message.AuthorName,
        Content = message.Content,
        ExternalId = message.ExternalId,
        MediaUrl = message.MediaUrl,
        MediaType = message.MediaType,
        SentAt = message.SentAt,
        ReceivedAt = clock.GetUtcNow(),
        Platform = message.Platform,
        Participant = message.Participant,
        Delivery = message.Direction == MessageDirection.Outgoing ? DeliveryStatus.Sent : null,
    };

    private async Task<Conversation> SaveChangeAsync()
    {
        state.State.Version++;
        await SaveStateAsync();

        var conversation = Snapshot();
        var row = new LogRow(ConversationId, LogRow.ConversationKind, null, null, null, null,
            System.Text.Json.JsonSerializer.Serialize(conversation, ReadModel.DocumentJson.Options));
        await writer.AppendAsync([row]);
        events.Publish(new ConversationEvent(conversation, []));
        return conversation;
    }

    private Conversation Snapshot()
    {
        var first = _tail.First!;
        var last = _tail.Last!;
        return new Conversation
        {
            Id = ConversationId,
            Platform = first.Platform,
            Sender = first.Participant,
            DisplayName = first.AuthorName,
            Status = state.State.Status,
            Assignee = state.State.Assignee,
            Priority = state.State.Priority,
            CustomerId = state.State.CustomerId,
            CreatedAt = first.ReceivedAt,
            LastActivityAt = last.ReceivedAt,
            LastSequence = _tail.LastSequence,
            Preview = last.Preview,
            UnreadCount = Math.Max(0, _tail.IncomingCount - state.State.ReadIncomingCount),
            Version = state.State.Version,
            IncomingCount = _tail.IncomingCount,
            ReadIncomingCount = state.State.ReadIncomingCount,
            AssistAiConversationId = state.State.AssistAiConversationId,
            AgentCode = state.State.AgentCode,
            Control = state.State.Control,
            ControlHolder = state.State.ControlHolder,
            ControlUntil = state.State.ControlUntil,
            ControlEpoch = state.State.ControlEpoch,
        }.AsOf(clock.GetUtcNow());
    }

    /// <summary>Links a new conversation to the customer its sender already is, without delaying the answer.</summary>
    private async Task LinkKnownCustomerAsync(Message first)
    {
        try
        {
            var kind = first.Platform == Platform.Instagram ? CustomerIdentity.Instagram : CustomerIdentity.Phone;
            var identity = GrainFactory.GetGrain<ICustomerIdentityGrain>(CustomerIdentity.Key(kind, first.Participant));
            if (await identity.GetCustomerIdAsync() is { } customerId)
            {
                // A call to ourselves, queued like any other, so that it never interleaves a change.
                _ = this.AsReference<IConversationGrain>().LinkCustomerAsync(customerId, byHand: false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLinkLookupFailed(logger, exception, ConversationId);
        }
    }
}

using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.Streams;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// Keeps the inbox listing current from one partition of the conversation stream. A busy
/// conversation changes many times a second; only its latest state matters to the listing, so
/// changes are gathered and written together a few times a second.
/// </summary>
[ImplicitStreamSubscription(ChronusStreams.Conversations)]
public sealed partial class InboxProjectionGrain(
    ConversationDirectory directory,
    ILogger<InboxProjectionGrain> logger) : Grain, IGrainWithStringKey
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

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
        _timer = this.RegisterGrainTimer(FlushAsync, FlushEvery, FlushEvery);
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

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_waiting.Count == 0)
        {
            return;
        }

        var batch = _waiting.Values.ToList();
        _waiting.Clear();
        try
        {
            await directory.ProjectAsync(batch, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Kept for the next flush; an older copy never overwrites a newer one.
            batch.ForEach(c => Gather(c));
            LogFlushFailed(logger, exception, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} conversations to the inbox listing failed; retrying")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int count);
}

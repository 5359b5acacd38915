using ChronusCrm.Grains.Abstractions.AssistAi;
using ChronusCrm.Grains.Abstractions.Inbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChronusCrm.Grains.AssistAi;

public sealed class AssistAiSyncState
{
    public AssistAiSyncStatus Status { get; set; } = new();

    /// <summary>The newest activity seen in a finished run: older conversations need no reading.</summary>
    public DateTimeOffset? Watermark { get; set; }

    /// <summary>Per AssistAI conversation, the newest message already imported.</summary>
    public Dictionary<string, string> LastMessageIds { get; set; } = [];
}

/// <summary>
/// Reads AssistAI's conversations newest activity first and stops at the first one it has seen
/// since; reads each changed conversation's messages newest first and stops at the last one it
/// imported; imports the new ones in order. Progress is saved per conversation, so a run cut short
/// by a restart resumes where it stopped; the conversation grains' external ids make a repeat harmless.
/// </summary>
public sealed partial class AssistAiSyncGrain(
    [PersistentState("assistaisync")] IPersistentState<AssistAiSyncState> state,
    AssistAiClient client,
    IOptions<AssistAiOptions> options,
    TimeProvider clock,
    ILogger<AssistAiSyncGrain> logger) : Grain, IAssistAiSyncGrain, IRemindable
{
    private const string ReminderName = "assistai-sync";

    /// <summary>Orleans reminders fire at most once a minute.</summary>
    private static readonly TimeSpan ShortestPeriod = TimeSpan.FromMinutes(1);

    private bool _running;

    public Task<AssistAiSyncStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(state.State.Status with { Running = _running });

    public async Task EnsureScheduledAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.SyncInterval < ShortestPeriod ? ShortestPeriod : options.Value.SyncInterval;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await RunAsync(CancellationToken.None);
        }
    }

    public Task<AssistAiResult<AssistAiSyncStatus>> SyncNowAsync(CancellationToken cancellationToken) =>
        RunAsync(cancellationToken);

    private async Task<AssistAiResult<AssistAiSyncStatus>> RunAsync(CancellationToken cancellationToken)
    {
        var assistAi = GrainFactory.GetGrain<IAssistAiGrain>(IAssistAiGrain.Key);
        if (await assistAi.GetSecretConnectionAsync(cancellationToken) is not { } connection)
        {
            return new(null, new AssistAiFailure(AssistAiFailureKind.Off, null, "The AssistAI integration is off."));
        }

        _running = true;
        var started = clock.GetUtcNow();
        var run = new RunCounts();
        try
        {
            var newest = await ReadChangedConversationsAsync(connection, run, cancellationToken);
            state.State.Watermark = Later(state.State.Watermark, newest);
            state.State.Status = run.Status(started) with { LastSuccessAt = clock.GetUtcNow() };
            LogSynced(logger, run.Conversations, run.Imported);
        }
        catch (AssistAiException exception)
        {
            state.State.Status = run.Status(started) with
            {
                LastSuccessAt = state.State.Status.LastSuccessAt,
                LastError = exception.Message,
                LastErrorStatus = exception.StatusCode,
                LastErrorAt = clock.GetUtcNow(),
            };
            LogSyncFailed(logger, exception.StatusCode);
        }
        finally
        {
            _running = false;
        }

        await state.WriteStateAsync();
        return new(state.State.Status, null);
    }

    /// <summary>Imports what changed; answers the newest activity seen.</summary>
    private async Task<DateTimeOffset?> ReadChangedConversationsAsync(
        AssistAiConnection connection,
        RunCounts run,
        CancellationToken cancellationToken)
    {
        DateTimeOffset? newest = null;
        await foreach (var conversation in client.GetConversationsAsync(connection, cancellationToken))
        {
            newest = Later(newest, conversation.UpdatedAt);
            if (state.State.Watermark is { } known && conversation.UpdatedAt is { } at && at <= known)
            {
                break;
            }

            run.Conversations++;
            if (AssistAiContacts.Place(conversation) is not { } place)
            {
                run.Skipped++;
                continue;
            }

            run.Imported += await ImportAsync(connection, conversation, place, cancellationToken);
        }

        return newest;
    }

    private async Task<int> ImportAsync(
        AssistAiConnection connection,
        RemoteConversation conversation,
        (Platform Platform, string Participant) place,
        CancellationToken cancellationToken)
    {
        state.State.LastMessageIds.TryGetValue(conversation.Uuid, out var lastKnown);
        var fresh = new List<RemoteMessage>();
        await foreach (var message in client.GetMessagesAsync(connection, conversation.Uuid, cancellationToken))
        {
            if (message.Id == lastKnown)
            {
                break;
            }

            fresh.Add(message);
        }

        var target = GrainFactory.GetGrain<IConversationGrain>(ConversationIds.For(place.Platform, place.Participant));
        await target.LinkAssistAiAsync(conversation.Uuid, conversation.AgentCode, cancellationToken);
        if (fresh.Count == 0)
        {
            return 0;
        }

        fresh.Reverse();
        var imported = await target.ImportAsync([.. fresh.Select(m => ToImported(m, conversation, place))], cancellationToken);

        state.State.LastMessageIds[conversation.Uuid] = fresh[^1].Id;
        await state.WriteStateAsync();
        return imported;
    }

    private static ImportedMessage ToImported(
        RemoteMessage message,
        RemoteConversation conversation,
        (Platform Platform, string Participant) place) => new()
    {
        Platform = place.Platform,
        Participant = place.Participant,
        ExternalId = AssistAiIds.Message(message.Id),
        Direction = message.Author == MessageAuthor.Customer ? MessageDirection.Incoming : MessageDirection.Outgoing,
        Author = message.Author,
        AuthorName = message.Author switch
        {
            MessageAuthor.Customer => conversation.ContactName,
            MessageAuthor.Human => message.AuthorName,
            _ => conversation.AgentCode,
        },
        Content = message.Content,
        SentAt = message.SentAt,
        MediaUrl = message.MediaUrl,
        MediaType = message.MediaType,
    };

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;

    private sealed class RunCounts
    {
        public int Conversations { get; set; }
        public int Imported { get; set; }
        public int Skipped { get; set; }

        public AssistAiSyncStatus Status(DateTimeOffset started) => new()
        {
            LastRunAt = started,
            ConversationsSeen = Conversations,
            MessagesImported = Imported,
            ConversationsSkipped = Skipped,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AssistAI sync read {Conversations} conversations and imported {Messages} messages")]
    private static partial void LogSynced(ILogger logger, int conversations, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AssistAI sync failed with status {StatusCode}")]
    private static partial void LogSyncFailed(ILogger logger, int? statusCode);
}

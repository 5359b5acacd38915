using System.Globalization;
using System.Text.Json;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Customers;
using ChronusCrm.Grains.Inbox;
using ChronusCrm.Grains.Leads;
using ChronusCrm.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.ReadModel;

/// <summary>
/// Stream delivery is at least once only while the process lives: a crash between a grain's write
/// and its event, or an event lost with a silo, would leave a listing stale. This pass re-projects
/// every lead and customer whose grain state changed recently, read straight from grain storage,
/// and every conversation whose listing is behind its log or its state, at start-up (everything)
/// and then every minute (the last few minutes). The version guards in the listing tables make a
/// row that is already current cost one comparison.
/// <para>
/// After start-up a pass reads only the log rows that arrived between the two passes before it:
/// old enough that their listing write is due (the listing may lag the log by a few seconds), and
/// few enough that a pass costs the same at the billionth message as at the thousandth. A row is
/// checked once; one whose listing write was still being retried at that moment and was then lost
/// with its silo waits for the next start-up pass.
/// </para>
/// </summary>
public sealed partial class ReadModelRepair(
    ChronusDatabase database,
    LeadDirectory leads,
    CustomerDirectory customers,
    ConversationDirectory conversations,
    MessageLog log,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<ReadModelRepair> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Covers writes that committed late and clocks of other silos that run behind.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions StateJson = new(DocumentJson.Options)
    {
        PropertyNameCaseInsensitive = true,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Conversations are asked for their state, so the silo must be up first.
        await WhenStartedAsync(stoppingToken);
        var since = DateTime.MinValue;
        var logChecked = new LogRange(0, long.MaxValue);
        long? previousLast = null;
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            var started = clock.GetUtcNow().UtcDateTime;
            try
            {
                var last = await log.LatestFeedIdAsync(stoppingToken);
                var repaired = await RepairAsync(since, logChecked, stoppingToken);
                LogPass(logger, repaired);
                since = started - Overlap;

                // The next pass checks the rows that arrived between the one before and this one.
                logChecked = new LogRange(previousLast ?? last, last);
                previousLast = last;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Projects every lead, customer and conversation state written at or after
    /// <paramref name="since"/>, and every conversation whose listing is behind its log.
    /// </summary>
    public Task<int> RepairSinceAsync(DateTime since, CancellationToken cancellationToken) =>
        RepairAsync(since, new LogRange(0, long.MaxValue), cancellationToken);

    /// <summary>
    /// Projects every conversation whose listing is behind one of its log rows with an id after
    /// <paramref name="after"/>, up to and with <paramref name="upTo"/>.
    /// </summary>
    public Task<int> RepairLogRowsAsync(long after, long upTo, CancellationToken cancellationToken) =>
        RepairConversationsAsync(DateTime.MaxValue, new LogRange(after, upTo), cancellationToken);

    private async Task<int> RepairAsync(DateTime since, LogRange logRows, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var state in ReadStatesAsync<LeadState>("lead", since, cancellationToken))
        {
            if (state.Lead is { } lead)
            {
                await leads.ProjectAsync(lead, cancellationToken);
                count++;
            }
        }

        await foreach (var state in ReadStatesAsync<CustomerState>("customer", since, cancellationToken))
        {
            if (state.Customer is { } customer)
            {
                await customers.ProjectAsync(customer, cancellationToken);
                count++;
            }
        }

        return count + await RepairConversationsAsync(since, logRows, cancellationToken);
    }

    /// <summary>
    /// Conversations whose listing lags the log rows of the range, or whose state changed since
    /// the point.
    /// </summary>
    private async Task<int> RepairConversationsAsync(
        DateTime since,
        LogRange logRows,
        CancellationToken cancellationToken)
    {
        var stale = await ReadIdsAsync("""
            SELECT l.conversation_id FROM inbox_log l
            LEFT JOIN conversation_list c ON c.id = l.conversation_id
            WHERE l.id > @after AND l.id <= @upTo AND l.sequence IS NOT NULL
                AND (c.id IS NULL OR c.last_sequence < l.sequence)
            GROUP BY l.conversation_id
            """, cancellationToken, ("@after", logRows.After), ("@upTo", logRows.UpTo));
        stale.UnionWith(await ReadIdsAsync("""
            SELECT GrainIdExtensionString FROM OrleansStorage
            WHERE GrainTypeString = 'conversation' AND ModifiedOn >= @since
                AND GrainIdExtensionString IS NOT NULL
            """, cancellationToken, ("@since", SinceParameter(since))));

        var snapshots = new List<Conversation>();
        foreach (var id in stale)
        {
            if (await grains.GetGrain<IConversationGrain>(id).GetAsync(cancellationToken) is { } conversation)
            {
                snapshots.Add(conversation);
            }
        }

        if (snapshots.Count > 0)
        {
            await conversations.ProjectAsync(snapshots, cancellationToken);
        }

        return snapshots.Count;
    }

    private async Task<HashSet<string>> ReadIdsAsync(
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    private async IAsyncEnumerable<T> ReadStatesAsync<T>(
        string stateName,
        DateTime since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT PayloadBinary FROM OrleansStorage
            WHERE GrainTypeString = @state AND ModifiedOn >= @since AND PayloadBinary IS NOT NULL
            """);
        command.With("@state", stateName).With("@since", SinceParameter(since));

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var payload = (byte[])reader.GetValue(0);
            if (JsonSerializer.Deserialize<T>(payload, StateJson) is { } state)
            {
                yield return state;
            }
        }
    }

    /// <summary>SQLite keeps ModifiedOn as sortable UTC text; PostgreSQL as a timestamp.</summary>
    private object SinceParameter(DateTime since) => database.Mode == StorageMode.Embedded
        ? since.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)
        : DateTime.SpecifyKind(since, DateTimeKind.Utc);

    /// <summary>Inbox log ids after <see cref="After"/>, up to and with <see cref="UpTo"/>.</summary>
    private readonly record struct LogRange(long After, long UpTo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read-model repair pass re-projected {Count} entities")]
    private static partial void LogPass(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read-model repair pass failed; it runs again shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

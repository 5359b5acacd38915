using ChronusCrm.Grains.Abstractions.AssistAi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.AssistAi;

/// <summary>
/// Arms the sync's reminder once the silo is up and the integration is on. On PostgreSQL the
/// reminder is durable anyway; in embedded mode reminders live in memory and need this at each start.
/// </summary>
public sealed partial class AssistAiScheduler(
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<AssistAiScheduler> logger) : AfterStartService(lifetime)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            var connection = await grains.GetGrain<IAssistAiGrain>(IAssistAiGrain.Key).GetConnectionAsync(stoppingToken);
            if (connection.Enabled)
            {
                await grains.GetGrain<IAssistAiSyncGrain>(IAssistAiSyncGrain.Key).EnsureScheduledAsync(stoppingToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotScheduled(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AssistAI sync could not be scheduled; POST /assistai/sync still runs it")]
    private static partial void LogNotScheduled(ILogger logger, Exception exception);
}

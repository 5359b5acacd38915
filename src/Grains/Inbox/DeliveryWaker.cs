using ChronusCrm.Grains.Abstractions.Inbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.Inbox;

/// <summary>At start, wakes the conversations that had replies waiting when the last process stopped.</summary>
public sealed partial class DeliveryWaker(
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<DeliveryWaker> logger) : AfterStartService(lifetime)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await grains.GetGrain<IDeliveryRegistryGrain>(IDeliveryRegistryGrain.Key).WakeAllAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWakeFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking conversations with queued replies failed; the registry's reminder tries again")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}

using Microsoft.Extensions.Hosting;

namespace ChronusCrm.Grains;

/// <summary>Work that needs the silo up and serving: it runs once the application has started.</summary>
public abstract class AfterStartService(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected abstract Task RunAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        await RunAsync(stoppingToken);
    }
}

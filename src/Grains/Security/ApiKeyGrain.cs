using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.Security;

public sealed class ApiKeyState
{
    public ApiKey? Key { get; set; }
}

public sealed partial class ApiKeyGrain(
    [PersistentState("apikey")] IPersistentState<ApiKeyState> state,
    TimeProvider clock,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    /// <summary>Last use is reported to the listing at most this often, not on every request.</summary>
    private static readonly TimeSpan UseReportInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset _lastReported = DateTimeOffset.MinValue;

    public async Task CreateAsync(ApiKey key, CancellationToken cancellationToken)
    {
        if (state.State.Key is not null)
        {
            return;
        }

        state.State.Key = key;
        await state.WriteStateAsync();
        LogCreated(logger, key.Id, key.Kind);
    }

    public Task<ApiKey?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(state.State.Key);

    public Task<ApiKey?> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (state.State.Key is not { } key || !key.IsUsable(now))
        {
            return Task.FromResult<ApiKey?>(null);
        }

        if (now - _lastReported >= UseReportInterval)
        {
            _lastReported = now;
            ReportUse(key.Id, now);
        }

        return Task.FromResult<ApiKey?>(key);
    }

    public async Task RevokeAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (state.State.Key is not { RevokedAt: null } key)
        {
            return;
        }

        state.State.Key = key with { RevokedAt = at };
        await state.WriteStateAsync();
        LogRevoked(logger, key.Id);
    }

    /// <summary>The listing's last-use column may lag a minute; a request never waits for it.</summary>
    private void ReportUse(string id, DateTimeOffset at)
    {
        var registry = GrainFactory.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.Key);
        registry.NoteUseAsync(id, at).ContinueWith(
            task => LogUseNotReported(logger, task.Exception!, id),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Current);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} created ({Kind})")]
    private static partial void LogCreated(ILogger logger, string keyId, ApiKeyKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} revoked")]
    private static partial void LogRevoked(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Last use of API key {KeyId} not reported")]
    private static partial void LogUseNotReported(ILogger logger, Exception exception, string keyId);
}

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

    /// <summary>A silo that does not confirm in this time keeps the key only until its memory lapses.</summary>
    private static readonly TimeSpan ForgetTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The silos that remember this key: a handful, one per silo at most.</summary>
    private readonly HashSet<IApiKeyObserver> _rememberedBy = [];

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

    public Task<ApiKey?> AuthenticateAsync(IApiKeyObserver? rememberedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (state.State.Key is not { } key || !key.IsUsable(now))
        {
            return Task.FromResult<ApiKey?>(null);
        }

        if (rememberedBy is not null)
        {
            _rememberedBy.Add(rememberedBy);
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
        await TellForgetAsync(key);
    }

    private async Task TellForgetAsync(ApiKey key)
    {
        var told = _rememberedBy.Select(silo => silo.ForgetAsync(key.Digest).WaitAsync(ForgetTimeout)).ToList();
        _rememberedBy.Clear();
        try
        {
            await Task.WhenAll(told);
        }
        catch (Exception exception)
        {
            // A silo that has died forgot everything anyway; one that is only slow forgets when
            // its memory of the key lapses, a few seconds from now.
            LogForgetNotConfirmed(logger, exception, key.Id, told.Count(t => !t.IsCompletedSuccessfully));
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revocation of API key {KeyId}: {Silos} silos did not confirm they forgot it")]
    private static partial void LogForgetNotConfirmed(ILogger logger, Exception exception, string keyId, int silos);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Last use of API key {KeyId} not reported")]
    private static partial void LogUseNotReported(ILogger logger, Exception exception, string keyId);
}

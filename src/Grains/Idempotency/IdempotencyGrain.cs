using ChronusCrm.Grains.Abstractions.Idempotency;

namespace ChronusCrm.Grains.Idempotency;

public sealed class IdempotencyState
{
    public string? RequestHash { get; set; }
    public StoredResponse? Response { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
}

public sealed class IdempotencyGrain(
    [PersistentState("idempotency")] IPersistentState<IdempotencyState> state,
    TimeProvider clock) : Grain, IIdempotencyGrain
{
    /// <summary>How long an answer is replayed; clients are promised at least a day.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>An attempt that neither completed nor failed in this time is taken as lost.</summary>
    private static readonly TimeSpan InFlightTimeout = TimeSpan.FromMinutes(1);

    private string? _inFlightHash;
    private DateTimeOffset _inFlightSince;

    public Task<IdempotencyDecision> BeginAsync(string requestHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (state.State.Response is { } response && now - state.State.CompletedAt < Retention)
        {
            return Task.FromResult(state.State.RequestHash == requestHash
                ? new IdempotencyDecision(IdempotencyVerdict.Replay, response)
                : new IdempotencyDecision(IdempotencyVerdict.Mismatch));
        }

        if (_inFlightHash is not null && now - _inFlightSince < InFlightTimeout)
        {
            return Task.FromResult(new IdempotencyDecision(_inFlightHash == requestHash
                ? IdempotencyVerdict.InFlight
                : IdempotencyVerdict.Mismatch));
        }

        _inFlightHash = requestHash;
        _inFlightSince = now;
        return Task.FromResult(new IdempotencyDecision(IdempotencyVerdict.Proceed));
    }

    public async Task CompleteAsync(
        string requestHash,
        StoredResponse response,
        CancellationToken cancellationToken)
    {
        state.State.RequestHash = requestHash;
        state.State.Response = response;
        state.State.CompletedAt = clock.GetUtcNow();
        await state.WriteStateAsync();

        _inFlightHash = null;
    }

    public Task AbandonAsync(string requestHash, CancellationToken cancellationToken)
    {
        if (_inFlightHash == requestHash)
        {
            _inFlightHash = null;
        }

        return Task.CompletedTask;
    }
}

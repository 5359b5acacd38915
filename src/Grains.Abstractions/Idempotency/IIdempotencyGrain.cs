namespace ChronusCrm.Grains.Abstractions.Idempotency;

/// <summary>
/// Remembers the first answer given for an Idempotency-Key, so that a client's retry is answered
/// the same way and stores nothing new. Keyed by the caller, the route and the key.
/// </summary>
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>Decides what a request carrying this key should do; see <see cref="IdempotencyDecision"/>.</summary>
    Task<IdempotencyDecision> BeginAsync(string requestHash, CancellationToken cancellationToken = default);

    /// <summary>Records the answer to replay for later requests with the same key and body.</summary>
    Task CompleteAsync(
        string requestHash,
        StoredResponse response,
        CancellationToken cancellationToken = default);

    /// <summary>Forgets an attempt that failed, so that a retry runs again.</summary>
    Task AbandonAsync(string requestHash, CancellationToken cancellationToken = default);
}

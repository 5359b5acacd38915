namespace ChronusCrm.Grains.Abstractions.Idempotency;

public enum IdempotencyVerdict
{
    /// <summary>First time this key is seen (or its record expired): run the request.</summary>
    Proceed,

    /// <summary>The same request was answered before: send back <see cref="IdempotencyDecision.Response"/>.</summary>
    Replay,

    /// <summary>The key was used with a different body.</summary>
    Mismatch,

    /// <summary>The first request with this key is still running.</summary>
    InFlight,
}

[GenerateSerializer, Alias("chronus.IdempotencyDecision")]
public sealed record IdempotencyDecision(
    [property: Id(0)] IdempotencyVerdict Verdict,
    [property: Id(1)] StoredResponse? Response = null);

/// <summary>An HTTP answer kept for replay.</summary>
[GenerateSerializer, Alias("chronus.StoredResponse")]
public sealed record StoredResponse
{
    [Id(0)] public int StatusCode { get; init; }
    [Id(1)] public string? ContentType { get; init; }
    [Id(2)] public string? Location { get; init; }
    [Id(3)] public byte[] Body { get; init; } = [];

    /// <summary>The answer held a secret, so only its status and location were kept.</summary>
    [Id(4)] public bool WithheldSecret { get; init; }
}

namespace ChronusCrm.Api.Security;

/// <summary>
/// Marks an endpoint whose answer holds a secret that must not be stored, not even for an
/// idempotent replay: a retry learns that the first request succeeded and where, not the secret.
/// </summary>
public sealed class SecretResponse;

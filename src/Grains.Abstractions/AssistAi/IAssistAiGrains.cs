namespace ChronusCrm.Grains.Abstractions.AssistAi;

/// <summary>The tenant's AssistAI integration: its connection and its agent list. Keyed by "default".</summary>
public interface IAssistAiGrain : IGrainWithStringKey
{
    public const string Key = "default";

    Task<AssistAiConnectionInfo> GetConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the connection; the token is never shown again.</summary>
    Task<AssistAiConnectionInfo> SetConnectionAsync(
        AssistAiConnection connection,
        CancellationToken cancellationToken = default);

    /// <summary>The connection with its token, for the silo's own calls; never for an HTTP answer.</summary>
    Task<AssistAiConnection?> GetSecretConnectionAsync(CancellationToken cancellationToken = default);

    Task<AssistAiResult<AssistAiCheck>> TestConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>AssistAI's agents, each with the CRM's settings for it.</summary>
    Task<AssistAiResult<IReadOnlyList<AssistAiAgent>>> ListAgentsAsync(CancellationToken cancellationToken = default);
}

/// <summary>One AssistAI agent, keyed by its code: AssistAI's latest view of it and the CRM's settings.</summary>
public interface IAssistAiAgentGrain : IGrainWithStringKey
{
    Task<AssistAiAgent?> GetAsync(CancellationToken cancellationToken = default);

    Task<AssistAiAgent> RememberAsync(RemoteAgent remote, CancellationToken cancellationToken = default);

    /// <summary>Changes local settings only; null when AssistAI never showed this agent.</summary>
    Task<AssistAiAgent?> UpdateSettingsAsync(
        AgentSettingsChanges changes,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// Brings AssistAI's conversations and messages into the unified inbox, every AssistAi:SyncInterval
/// on a durable schedule and at once when asked. Keyed by "default".
/// </summary>
public interface IAssistAiSyncGrain : IGrainWithStringKey
{
    public const string Key = "default";

    /// <summary>Runs a synchronisation now (or waits for the one running) and answers how it went.</summary>
    Task<AssistAiResult<AssistAiSyncStatus>> SyncNowAsync(CancellationToken cancellationToken = default);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<AssistAiSyncStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Arms the schedule (idempotent); called at start-up when the integration is on.</summary>
    Task EnsureScheduledAsync(CancellationToken cancellationToken = default);
}

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

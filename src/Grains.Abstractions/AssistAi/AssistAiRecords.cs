namespace ChronusCrm.Grains.Abstractions.AssistAi;

/// <summary>How to reach a tenant's AssistAI: where, and the three headers every call carries.</summary>
[GenerateSerializer, Alias("chronus.AssistAiConnection")]
public sealed record AssistAiConnection
{
    [Id(0)] public required string BaseUrl { get; init; }
    [Id(1)] public required string ApiToken { get; init; }
    [Id(2)] public required string TenantDomain { get; init; }
    [Id(3)] public required string OrganizationCode { get; init; }
}

/// <summary>The connection as it may be shown: the token masked.</summary>
[GenerateSerializer, Alias("chronus.AssistAiConnectionInfo")]
public sealed record AssistAiConnectionInfo
{
    [Id(0)] public bool Enabled { get; init; }

    /// <summary>"configuration", "api" (set with PUT /assistai/connection) or "none".</summary>
    [Id(1)] public required string Source { get; init; }

    [Id(2)] public string? BaseUrl { get; init; }
    [Id(3)] public string? TenantDomain { get; init; }
    [Id(4)] public string? OrganizationCode { get; init; }
    [Id(5)] public string? ApiTokenMasked { get; init; }
}

/// <summary>What a test call to AssistAI answered.</summary>
[GenerateSerializer, Alias("chronus.AssistAiCheck")]
public sealed record AssistAiCheck(
    [property: Id(0)] bool Ok,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string? Error);

/// <summary>An agent as AssistAI describes it.</summary>
[GenerateSerializer, Alias("chronus.RemoteAgent")]
public sealed record RemoteAgent
{
    [Id(0)] public required string Code { get; init; }
    [Id(1)] public string? Name { get; init; }
    [Id(2)] public string? Model { get; init; }
    [Id(3)] public string? Description { get; init; }
    [Id(4)] public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>What ChronusCRM keeps about an agent of its own accord; AssistAI never sees it.</summary>
[GenerateSerializer, Alias("chronus.AgentSettings")]
public sealed record AgentSettings
{
    [Id(0)] public string? InternalName { get; init; }
    [Id(1)] public string? Notes { get; init; }

    /// <summary>Whether the agent may answer customers on its own.</summary>
    [Id(2)] public bool AutoReply { get; init; } = true;
}

[GenerateSerializer, Alias("chronus.AgentSettingsChanges")]
public sealed record AgentSettingsChanges
{
    [Id(0)] public string? InternalName { get; init; }
    [Id(1)] public string? Notes { get; init; }
    [Id(2)] public bool? AutoReply { get; init; }
}

/// <summary>An agent: AssistAI's view of it beside the CRM's own settings.</summary>
[GenerateSerializer, Alias("chronus.AssistAiAgent")]
public sealed record AssistAiAgent(
    [property: Id(0)] RemoteAgent Remote,
    [property: Id(1)] AgentSettings Settings,
    [property: Id(2)] DateTimeOffset? RemoteSeenAt);

/// <summary>The answer of a call that needs AssistAI: what it gave, or why not.</summary>
[GenerateSerializer, Alias("chronus.AssistAiResult")]
public sealed record AssistAiResult<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] AssistAiFailure? Failure);

public enum AssistAiFailureKind
{
    /// <summary>No connection is configured: the integration is off.</summary>
    Off,

    /// <summary>AssistAI answered with an error, or did not answer in time.</summary>
    Upstream,

    NotFound,
}

[GenerateSerializer, Alias("chronus.AssistAiFailure")]
public sealed record AssistAiFailure(
    [property: Id(0)] AssistAiFailureKind Kind,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string Message);

/// <summary>How the last synchronisations with AssistAI went.</summary>
[GenerateSerializer, Alias("chronus.AssistAiSyncStatus")]
public sealed record AssistAiSyncStatus
{
    [Id(0)] public DateTimeOffset? LastRunAt { get; init; }
    [Id(1)] public DateTimeOffset? LastSuccessAt { get; init; }
    [Id(2)] public int ConversationsSeen { get; init; }
    [Id(3)] public int MessagesImported { get; init; }
    [Id(4)] public int ConversationsSkipped { get; init; }
    [Id(5)] public string? LastError { get; init; }
    [Id(6)] public int? LastErrorStatus { get; init; }
    [Id(7)] public DateTimeOffset? LastErrorAt { get; init; }
    [Id(8)] public bool Running { get; init; }
}

using ChronusCrm.Grains.Abstractions.AssistAi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChronusCrm.Grains.AssistAi;

public sealed class AssistAiState
{
    /// <summary>Set with PUT /assistai/connection; takes precedence over configuration.</summary>
    public AssistAiConnection? Connection { get; set; }
}

public sealed partial class AssistAiGrain(
    [PersistentState("assistai")] IPersistentState<AssistAiState> state,
    IOptions<AssistAiOptions> options,
    AssistAiClient client,
    ILogger<AssistAiGrain> logger) : Grain, IAssistAiGrain
{
    public Task<AssistAiConnectionInfo> GetConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Describe());

    public async Task<AssistAiConnectionInfo> SetConnectionAsync(
        AssistAiConnection connection,
        CancellationToken cancellationToken)
    {
        state.State.Connection = connection;
        await state.WriteStateAsync();
        LogConnectionSet(logger);
        return Describe();
    }

    public Task<AssistAiConnection?> GetSecretConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Connection());

    public async Task<AssistAiResult<AssistAiCheck>> TestConnectionAsync(CancellationToken cancellationToken)
    {
        if (Connection() is not { } connection)
        {
            return new(null, Off);
        }

        return new(await client.CheckAsync(connection, cancellationToken), null);
    }

    public async Task<AssistAiResult<IReadOnlyList<AssistAiAgent>>> ListAgentsAsync(CancellationToken cancellationToken)
    {
        if (Connection() is not { } connection)
        {
            return new(null, Off);
        }

        IReadOnlyList<RemoteAgent> remote;
        try
        {
            remote = await client.GetAgentsAsync(connection, cancellationToken);
        }
        catch (AssistAiException exception)
        {
            LogUpstreamFailed(logger, exception.StatusCode);
            return new(null, new AssistAiFailure(AssistAiFailureKind.Upstream, exception.StatusCode, exception.Message));
        }

        var agents = await Task.WhenAll(remote.Select(agent =>
            GrainFactory.GetGrain<IAssistAiAgentGrain>(agent.Code).RememberAsync(agent, cancellationToken)));
        return new(agents, null);
    }

    /// <summary>The connection in force: the one set at run time, else the configured one, else none.</summary>
    private AssistAiConnection? Connection()
    {
        if (state.State.Connection is { } stored)
        {
            return stored;
        }

        var configured = options.Value;
        return configured is { BaseUrl.Length: > 0, ApiToken.Length: > 0 }
            ? new AssistAiConnection
            {
                BaseUrl = configured.BaseUrl,
                ApiToken = configured.ApiToken,
                TenantDomain = configured.TenantDomain ?? "",
                OrganizationCode = configured.OrganizationCode ?? "",
            }
            : null;
    }

    private AssistAiConnectionInfo Describe()
    {
        var connection = Connection();
        return new AssistAiConnectionInfo
        {
            Enabled = connection is not null,
            Source = state.State.Connection is not null ? "api" : connection is not null ? "configuration" : "none",
            BaseUrl = connection?.BaseUrl,
            TenantDomain = connection?.TenantDomain,
            OrganizationCode = connection?.OrganizationCode,
            ApiTokenMasked = connection is null ? null : Mask(connection.ApiToken),
        };
    }

    /// <summary>Enough to tell two tokens apart, never enough to use one.</summary>
    private static string Mask(string token) => token.Length <= 8 ? "••••" : $"{token[..4]}••••{token[^2..]}";

    private static readonly AssistAiFailure Off = new(
        AssistAiFailureKind.Off,
        null,
        "The AssistAI integration is off: set AssistAi__BaseUrl and AssistAi__ApiToken, or PUT /assistai/connection.");

    [LoggerMessage(Level = LogLevel.Information, Message = "AssistAI connection set at run time")]
    private static partial void LogConnectionSet(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AssistAI call failed with status {StatusCode}")]
    private static partial void LogUpstreamFailed(ILogger logger, int? statusCode);
}

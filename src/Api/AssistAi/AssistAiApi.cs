using System.ComponentModel.DataAnnotations;
using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Security;
using ChronusCrm.Api.Validation;
using ChronusCrm.Grains.Abstractions.AssistAi;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChronusCrm.Api.AssistAi;

/// <summary>The AssistAI integration's connection and agents. Everything here needs assistai:admin.</summary>
public static class AssistAiApi
{
    public static IEndpointRouteBuilder MapAssistAiApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/assistai")
            .WithTags("AssistAI")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .RequireScope(ApiScopes.AssistAiAdmin);

        group.MapGet("/connection", GetConnectionAsync).WithName("GetAssistAiConnection");
        group.MapPut("/connection", SetConnectionAsync)
            .WithName("SetAssistAiConnection")
            .WithSummary("Set the connection at run time; the token is stored and never shown again");
        group.MapPost("/connection/test", TestConnectionAsync)
            .WithName("TestAssistAiConnection")
            .WithSummary("Call AssistAI once and say whether it answered");
        group.MapGet("/agents", ListAgentsAsync).WithName("ListAssistAiAgents");
        group.MapPost("/sync", SyncNowAsync)
            .WithName("SyncAssistAi")
            .WithSummary("Bring AssistAI's new conversations and messages into the inbox now");
        group.MapGet("/sync", SyncStatusAsync)
            .WithName("GetAssistAiSync")
            .WithSummary("The last run, the last success, counts, and the last error with AssistAI's status");
        group.MapGet("/agents/{code:maxlength(100)}", GetAgentAsync).WithName("GetAssistAiAgent");
        group.MapPatch("/agents/{code:maxlength(100)}", UpdateAgentAsync)
            .WithName("UpdateAssistAiAgent")
            .WithSummary("Change the CRM's own settings of an agent (never AssistAI's)");
        return routes;
    }

    private static async Task<Ok<AssistAiConnectionInfo>> GetConnectionAsync(IGrainFactory grains, CancellationToken ct) =>
        TypedResults.Ok(await Integration(grains).GetConnectionAsync(ct));

    private static async Task<Results<Ok<AssistAiConnectionInfo>, ProblemHttpResult>> SetConnectionAsync(
        ConnectionRequest request,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var violations = RequestValidator.Validate(request);
        if (request.BaseUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            violations.Add(new("baseUrl", "absoluteUrl", "baseUrl must be an absolute http or https URL"));
        }

        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var connection = new AssistAiConnection
        {
            BaseUrl = request.BaseUrl!.Trim(),
            ApiToken = request.ApiToken!.Trim(),
            TenantDomain = request.TenantDomain!.Trim(),
            OrganizationCode = request.OrganizationCode!.Trim(),
        };
        return TypedResults.Ok(await Integration(grains).SetConnectionAsync(connection, cancellationToken));
    }

    private static async Task<Results<Ok<AssistAiCheck>, ProblemHttpResult>> TestConnectionAsync(
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var result = await Integration(grains).TestConnectionAsync(cancellationToken);
        return result.Failure is { } failure ? Problem(failure) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<AssistAiAgent[]>, ProblemHttpResult>> ListAgentsAsync(
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var result = await Integration(grains).ListAgentsAsync(cancellationToken);
        return result.Failure is { } failure ? Problem(failure) : TypedResults.Ok(result.Value!.ToArray());
    }

    private static async Task<Results<Ok<AssistAiSyncStatus>, ProblemHttpResult>> SyncNowAsync(
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var result = await Sync(grains).SyncNowAsync(cancellationToken);
        return result.Failure is { } failure ? Problem(failure) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Ok<AssistAiSyncStatus>> SyncStatusAsync(IGrainFactory grains, CancellationToken ct) =>
        TypedResults.Ok(await Sync(grains).GetStatusAsync(ct));

    private static IAssistAiSyncGrain Sync(IGrainFactory grains) => grains.GetGrain<IAssistAiSyncGrain>(IAssistAiSyncGrain.Key);

    private static async Task<Results<Ok<AgentDetail>, ProblemHttpResult>> GetAgentAsync(
        string code,
        IGrainFactory grains,
        IConversationDirectory conversations,
        CancellationToken cancellationToken)
    {
        if (!(await Integration(grains).GetConnectionAsync(cancellationToken)).Enabled)
        {
            return Problem(new AssistAiFailure(AssistAiFailureKind.Off, null, "The AssistAI integration is off."));
        }

        var agent = await grains.GetGrain<IAssistAiAgentGrain>(code).GetAsync(cancellationToken);
        if (agent is null)
        {
            return ProblemResults.NotFound("AssistAI agent", code);
        }

        var counts = await conversations.CountForAgentAsync(code, cancellationToken);
        return TypedResults.Ok(new AgentDetail(agent.Remote, agent.Settings, agent.RemoteSeenAt, AgentConversations.From(counts)));
    }

    private static async Task<Results<Ok<AssistAiAgent>, ProblemHttpResult>> UpdateAgentAsync(
        string code,
        AgentSettingsRequest request,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var violations = RequestValidator.Validate(request);
        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var changes = new AgentSettingsChanges
        {
            InternalName = request.InternalName?.Trim(),
            Notes = request.Notes,
            AutoReply = request.AutoReply,
        };
        var agent = await grains.GetGrain<IAssistAiAgentGrain>(code).UpdateSettingsAsync(changes, cancellationToken);
        return agent is null ? ProblemResults.NotFound("AssistAI agent", code) : TypedResults.Ok(agent);
    }

    private static ProblemHttpResult Problem(AssistAiFailure failure) => failure.Kind switch
    {
        AssistAiFailureKind.Off => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The AssistAI integration is off.",
            detail: failure.Message,
            type: "https://chronuscrm.dev/problems/integration-off"),
        _ => TypedResults.Problem(
            statusCode: StatusCodes.Status502BadGateway,
            title: "AssistAI did not give a usable answer.",
            detail: failure.Message,
            extensions: new Dictionary<string, object?> { ["assistAiStatus"] = failure.StatusCode }),
    };

    private static IAssistAiGrain Integration(IGrainFactory grains) => grains.GetGrain<IAssistAiGrain>(IAssistAiGrain.Key);
}

public sealed record ConnectionRequest
{
    [Required(ErrorMessage = Rules.Required)]
    [StringLength(500, ErrorMessage = Rules.MaxLength)]
    public string? BaseUrl { get; init; }

    [Required(ErrorMessage = Rules.Required)]
    [StringLength(1000, ErrorMessage = Rules.MaxLength)]
    public string? ApiToken { get; init; }

    [Required(ErrorMessage = Rules.Required)]
    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? TenantDomain { get; init; }

    [Required(ErrorMessage = Rules.Required)]
    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? OrganizationCode { get; init; }
}

public sealed record AgentSettingsRequest
{
    [StringLength(200, ErrorMessage = Rules.MaxLength)]
    public string? InternalName { get; init; }

    [StringLength(5000, ErrorMessage = Rules.MaxLength)]
    public string? Notes { get; init; }

    public bool? AutoReply { get; init; }
}

/// <summary>An agent with how many inbox conversations it answers.</summary>
public sealed record AgentDetail(
    RemoteAgent Remote,
    AgentSettings Settings,
    DateTimeOffset? RemoteSeenAt,
    AgentConversations Conversations);

/// <summary>The agent's conversations in the inbox, in all and by status.</summary>
public sealed record AgentConversations(int Total, int Open, int Pending, int Resolved, int Snoozed)
{
    public static AgentConversations From(IReadOnlyDictionary<ConversationStatus, int> counts) => new(
        counts.Values.Sum(),
        counts[ConversationStatus.Open],
        counts[ConversationStatus.Pending],
        counts[ConversationStatus.Resolved],
        counts[ConversationStatus.Snoozed]);
}

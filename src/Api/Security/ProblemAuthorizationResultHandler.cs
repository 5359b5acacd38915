using ChronusCrm.Api.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace ChronusCrm.Api.Security;

/// <summary>A refused key gets a 403 problem that says which scope or origin it lacked.</summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(
        RequestDelegate next,
        HttpContext context,
        AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() ?? [];
        if (failed.OfType<ScopeRequirement>().FirstOrDefault() is { } scope)
        {
            await ProblemWriter.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                "This key lacks the scope this endpoint needs.",
                $"Needs one of: {string.Join(", ", scope.AnyOf)}.",
                new Dictionary<string, object?> { ["requiredScopes"] = scope.AnyOf });
            return;
        }

        await ProblemWriter.WriteAsync(
            context,
            StatusCodes.Status403Forbidden,
            "This browser key may not be used from here.",
            "The request's Origin is not one of the key's allowed origins.");
    }
}

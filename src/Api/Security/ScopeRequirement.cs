using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Authorization;

namespace ChronusCrm.Api.Security;

/// <summary>The key must hold one of these scopes (or admin).</summary>
public sealed class ScopeRequirement(params string[] anyOf)
    : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> AnyOf { get; } = anyOf;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var held = context.User.Scopes();
        foreach (var needed in requirement.AnyOf)
        {
            if (ApiScopes.Grants(held, needed))
            {
                context.Succeed(requirement);
                break;
            }
        }

        return Task.CompletedTask;
    }
}

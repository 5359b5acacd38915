using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace ChronusCrm.Api.Security;

public static class SecurityConventions
{
    /// <summary>The endpoint needs a key holding one of <paramref name="anyOf"/> (or admin).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] anyOf)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy(anyOf));

    public static AuthorizationPolicy Policy(params string[] anyOf) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(anyOf), new BrowserOriginRequirement())
            .Build();
}

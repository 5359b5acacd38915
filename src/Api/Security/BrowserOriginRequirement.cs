using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace ChronusCrm.Api.Security;

/// <summary>
/// A browser key is public (it sits in a page's source), so what it may do is bound to the pages
/// it was issued for: the request's Origin, or failing that its Referer, must be one of the key's
/// allowed origins. Secret keys pass.
/// </summary>
public sealed class BrowserOriginRequirement
    : AuthorizationHandler<BrowserOriginRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context,
        BrowserOriginRequirement requirement)
    {
        if (!context.User.IsBrowserKey())
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var origin = context.Resource is HttpContext http ? RequestOrigin(http.Request) : null;
        var allowed = context.User.AllowedOrigins();
        if (origin is not null && allowed.Any(a => string.Equals(a, origin, StringComparison.OrdinalIgnoreCase)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static string? RequestOrigin(HttpRequest request)
    {
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin && origin != "null")
        {
            return origin.TrimEnd('/');
        }

        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            ? referer.GetLeftPart(UriPartial.Authority)
            : null;
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChronusCrm.Api.Problems;

/// <summary>
/// Some errors are answered by the framework before an endpoint runs (a wrong content type, a
/// body over the route's limit). This fills in what those problem bodies should say.
/// </summary>
internal static class StatusProblems
{
    public static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        switch (problem.Status)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Detail ??= "This route takes a body of type application/json.";
                problem.Extensions["rule"] = "contentType";
                break;
            case StatusCodes.Status413PayloadTooLarge:
                var limit = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
                problem.Detail ??= $"The body is larger than this route's limit of {limit} bytes.";
                problem.Extensions["rule"] = "maxBodySize";
                problem.Extensions["limitBytes"] = limit;
                break;
            case StatusCodes.Status404NotFound when problem.Detail is null:
                problem.Detail = "There is no such route.";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                problem.Detail ??= "The route does not take this method.";
                break;
        }
    }
}

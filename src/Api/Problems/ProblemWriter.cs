using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace ChronusCrm.Api.Problems;

/// <summary>Writes a problem body from middleware, where no endpoint result is at hand.</summary>
public static class ProblemWriter
{
    public static async Task WriteAsync(
        HttpContext context,
        int status,
        string title,
        string detail,
        IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new() { HttpContext = context, ProblemDetails = problem });
    }
}

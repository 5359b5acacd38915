using System.Text.Json;
using ChronusCrm.Api.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Api.Problems;

/// <summary>
/// Turns every exception that reaches the pipeline into a problem body. A request the server
/// could not read is the client's error and gets a 4xx naming what was wrong; anything else is
/// ours, logged, and answered without internal detail.
/// </summary>
public sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext,
        Exception exception,
        CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            JsonException json => FromJson(json),
            BadHttpRequestException bad => FromBadRequest(bad),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            TimeoutException => Unavailable(),

            // A silo leaving, a grain moving, the database restarting: transient, and a retry is safe.
            OrleansException or System.Data.Common.DbException => Unavailable(),
            _ => null,
        };

        if (result is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            result = TypedResults.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: "Something went wrong on our side.",
                detail: "The error was logged. Retrying the request is safe.");
        }

        httpContext.Response.StatusCode = result.StatusCode;
        if (result.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            LogTransient(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        return await problems.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            ProblemDetails = result.ProblemDetails,
            Exception = exception,
        });
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult FromJson(JsonException json)
    {
        var field = FieldFromPath(json.Path);
        var message = field is null
            ? "The body is not valid JSON."
            : $"{field} has a value of the wrong type or is not valid JSON.";
        if (json.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            message = "The JSON is nested too deeply.";
        }

        return ProblemResults.Invalid(new[] { new FieldViolation(field ?? "$", "json", message) });
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult FromBadRequest(
        BadHttpRequestException bad) => bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType =>
                TypedResults.Problem(statusCode: bad.StatusCode),
            _ => TypedResults.Problem(
                statusCode: bad.StatusCode,
                title: "The request could not be read.",
                detail: bad.Message),
        };

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unavailable() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The service is busy.",
            detail: "A part of the service did not answer in time. Retrying the request is safe.");

    /// <summary>"$.value" becomes "value"; "$.items[2].name" becomes "items[2].name".</summary>
    private static string? FieldFromPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.TrimStart('$', '.');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient failure on {Method} {Path}; answered 503")]
    private static partial void LogTransient(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

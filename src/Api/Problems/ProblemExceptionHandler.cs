using System.Text.Json;
using System.Text.RegularExpressions;
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
        var message = field is not null
            ? $"{field} has a value of the wrong type or is not valid JSON."
            : WrongShape(json) ? "The body must be a JSON object." : "The body is not valid JSON.";
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
            _ when Unbound().Match(bad.Message) is { Success: true } unbound => ProblemResults.Invalid(
                new[] { new FieldViolation(unbound.Groups["name"].Value, "format", Expected(unbound)) }),
            _ => TypedResults.Problem(
                statusCode: bad.StatusCode,
                title: "The request could not be read.",
                detail: bad.Message),
        };

    /// <summary>What a query or route value that did not convert should have been, in words.</summary>
    private static string Expected(Match unbound)
    {
        var name = unbound.Groups["name"].Value;
        var type = unbound.Groups["type"].Value
            .Replace("Nullable<", "", StringComparison.Ordinal)
            .TrimEnd('>');
        return type switch
        {
            "int" or "long" or "Int32" or "Int64" => $"{name} must be a whole number",
            "DateTimeOffset" or "DateTime" => $"{name} must be an ISO 8601 date and time",
            "bool" or "Boolean" => $"{name} must be true or false",
            _ => $"{name} is not in the expected format",
        };
    }

    /// <summary>Well-formed JSON of another shape than the body's (an array, a string, a number).</summary>
    private static bool WrongShape(JsonException json) =>
        json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);

    // ASP.NET names a parameter it could not convert only in its message, as
    // Failed to bind parameter "Nullable<long> before" from "abc".
    [GeneratedRegex("""^Failed to bind parameter "(?<type>\S+) (?<name>[A-Za-z0-9_]+)" from""")]
    private static partial Regex Unbound();

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

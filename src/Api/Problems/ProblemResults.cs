using ChronusCrm.Api.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChronusCrm.Api.Problems;

/// <summary>The RFC 9457 answers the endpoints give, built in one place so they read alike.</summary>
public static class ProblemResults
{
    public static ProblemHttpResult Invalid(IReadOnlyList<FieldViolation> violations)
    {
        var errors = violations
            .GroupBy(v => v.Field)
            .ToDictionary(g => g.Key, g => g.Select(v => v.Message).ToArray());

        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request is not valid.",
            detail: string.Join("; ", violations.Select(v => v.Message)),
            type: "https://chronuscrm.dev/problems/validation",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors,
                ["violations"] = violations,
            });
    }

    public static ProblemHttpResult Invalid(string field, string rule, string message) =>
        Invalid([new FieldViolation(field, rule, message)]);

    public static ProblemHttpResult NotFound(string what, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"No such {what}.",
        detail: $"There is no {what} with id '{id}'.",
        type: "https://chronuscrm.dev/problems/not-found");

    public static ProblemHttpResult Conflict(
        string title,
        string detail,
        IDictionary<string, object?>? extensions = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: title,
        detail: detail,
        type: "https://chronuscrm.dev/problems/conflict",
        extensions: extensions);
}

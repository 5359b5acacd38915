using System.Globalization;
using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Security;
using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChronusCrm.Api.Leads;

/// <summary>
/// Where landing pages post their forms: JSON from scripts and form builders, or a plain HTML form
/// straight from a visitor's browser, which is sent on to the page's own thank-you URL.
/// </summary>
public static class LeadWebhookApi
{
    public const string Source = "WEBHOOK";

    public static IEndpointRouteBuilder MapLeadWebhookApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/webhooks/leads/incoming", ReceiveAsync)
            .WithTags("Webhooks")
            .WithName("IncomingLeadWebhook")
            .WithSummary("Receive a lead from a landing page, as JSON or as an HTML form post")
            .Accepts<LeadInput>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .Produces<LeadView>(StatusCodes.Status201Created)
            .Produces<LeadView>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status303SeeOther)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(LeadLimits.BodyBytes))
            .RequireScope(ApiScopes.LeadsSubmit, ApiScopes.LeadsWrite)
            .RequireCors(BrowserFormCors.PolicyName);
        return routes;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context,
        IGrainFactory grains,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.HasJsonContentType())
        {
            var input = await request.ReadFromJsonAsync<LeadInput>(cancellationToken);
            if (input is null)
            {
                return ProblemResults.Invalid("$", "json", "The body must be a JSON object.");
            }

            return await LeadSubmissions.SubmitAsync(input, Source, grains, clock, cancellationToken);
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type.",
                detail: "Send application/json, application/x-www-form-urlencoded or multipart/form-data.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        return await ReceiveFormAsync(form, grains, clock, cancellationToken);
    }

    private static async Task<IResult> ReceiveFormAsync(
        IFormCollection form,
        IGrainFactory grains,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var redirect = Field(form, "redirect");
        Uri? redirectUri = null;
        if (redirect is not null && !TryParseRedirect(redirect, out redirectUri))
        {
            return ProblemResults.Invalid(
                "redirect", "absoluteUrl", "redirect must be an absolute http or https URL");
        }

        // People leave hidden fields empty; form-filling bots do not. Answer as if all went well.
        if (HoneypotFields.Any(name => Field(form, name) is not null))
        {
            return redirectUri is null ? TypedResults.Accepted((string?)null) : new SeeOtherResult(redirectUri);
        }

        decimal? value = null;
        if (Field(form, "value") is { } valueText)
        {
            if (!decimal.TryParse(valueText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                return ProblemResults.Invalid("value", "number", "value must be a number");
            }

            value = parsed;
        }

        var input = new LeadInput
        {
            Name = Field(form, "name"),
            Email = Field(form, "email"),
            Company = Field(form, "company"),
            Value = value,
            Notes = Field(form, "notes"),
            Source = Field(form, "source"),
        };

        var result = await LeadSubmissions.SubmitAsync(input, Source, grains, clock, cancellationToken);
        if (redirectUri is not null && result.Result is not ProblemHttpResult)
        {
            // 303 makes the browser follow with a GET, so a refresh does not post the form again.
            return new SeeOtherResult(redirectUri);
        }

        return result;
    }

    /// <summary>Hidden form fields that only a bot fills in.</summary>
    public static readonly string[] HoneypotFields = ["_gotcha", "_honeypot"];

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString())
            ? values.ToString()
            : null;

    private static bool TryParseRedirect(string text, out Uri? uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private sealed class SeeOtherResult(Uri location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location.AbsoluteUri;
            return Task.CompletedTask;
        }
    }
}

using ChronusCrm.Api.Paging;
using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Security;
using ChronusCrm.Api.Validation;
using ChronusCrm.Grains.Abstractions.Leads;
using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChronusCrm.Api.Leads;

public static class LeadsApi
{
    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/leads")
            .WithTags("Leads")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("", CreateAsync)
            .WithName("CreateLead")
            .WithSummary("Create a lead, or merge it into the open lead of the same email")
            .WithMetadata(new RequestSizeLimitAttribute(LeadLimits.BodyBytes))
            .RequireScope(ApiScopes.LeadsWrite);
        group.MapGet("", ListAsync)
            .WithName("ListLeads")
            .WithSummary("List leads, newest first, with a Link header to the next page")
            .RequireScope(ApiScopes.LeadsRead);
        group.MapGet("/{id:maxlength(64)}", GetAsync)
            .WithName("GetLead")
            .WithSummary("Get a lead and its submissions")
            .RequireScope(ApiScopes.LeadsRead);
        group.MapPatch("/{id:maxlength(64)}", UpdateAsync)
            .WithName("UpdateLead")
            .WithSummary("Change a lead's fields or move it along the pipeline")
            .WithMetadata(new RequestSizeLimitAttribute(LeadLimits.BodyBytes))
            .RequireScope(ApiScopes.LeadsWrite);
        group.MapPost("/{id:maxlength(64)}/convert", ConvertAsync)
            .WithName("ConvertLead")
            .WithSummary("Make the lead an ACTIVE customer and mark it WON")
            .RequireScope(ApiScopes.LeadsWrite);

        return routes;
    }

    private static Task<Results<Created<LeadView>, Ok<LeadView>, ProblemHttpResult>> CreateAsync(
        LeadInput input,
        IGrainFactory grains,
        TimeProvider clock,
        CancellationToken cancellationToken) =>
        LeadSubmissions.SubmitAsync(input, "API", grains, clock, cancellationToken);

    private static async Task<Results<Ok<LeadView[]>, ProblemHttpResult>> ListAsync(
        HttpContext context,
        ILeadDirectory directory,
        int? limit,
        string? cursor,
        string? status,
        string? source,
        string? search,
        CancellationToken cancellationToken)
    {
        if (ListQuery.Check(limit, cursor, out var after) is { } invalid)
        {
            return invalid;
        }

        LeadStatus? statusFilter = null;
        if (status is not null)
        {
            if (!LeadMapping.TryParseStatus(status, out var parsed))
            {
                return ProblemResults.Invalid(
                    "status", "oneOf", $"status must be one of {string.Join(", ", LeadMapping.StatusNames)}");
            }

            statusFilter = parsed;
        }

        var query = new LeadQuery(limit ?? PageLinks.DefaultLimit, after, statusFilter, source, search);
        var page = await directory.ListAsync(query, cancellationToken);

        PageLinks.AddNext(context, page.NextCursor);
        return TypedResults.Ok(page.Items.Select(l => LeadMapping.ToView(l)).ToArray());
    }

    private static async Task<Results<Ok<LeadView>, ProblemHttpResult>> GetAsync(
        string id,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var lead = await grains.GetGrain<ILeadGrain>(id).GetAsync(cancellationToken);
        return lead is null
            ? ProblemResults.NotFound("lead", id)
            : TypedResults.Ok(LeadMapping.ToView(lead, withHistory: true));
    }

    private static async Task<Results<Ok<LeadView>, ProblemHttpResult>> UpdateAsync(
        string id,
        LeadPatch patch,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var violations = RequestValidator.Validate(patch);
        LeadStatus? status = null;
        if (patch.Status is not null)
        {
            if (LeadMapping.TryParseStatus(patch.Status, out var parsed))
            {
                status = parsed;
            }
            else
            {
                violations.Add(new FieldViolation(
                    "status", "oneOf", $"status must be one of {string.Join(", ", LeadMapping.StatusNames)}"));
            }
        }

        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var lead = grains.GetGrain<ILeadGrain>(id);
        if (await lead.GetAsync(cancellationToken) is not { } current)
        {
            return ProblemResults.NotFound("lead", id);
        }

        var changes = new LeadChanges
        {
            Name = patch.Name?.Trim(),
            Email = patch.Email is null ? null : LeadEmail.Normalize(patch.Email),
            Company = patch.Company?.Trim(),
            Value = patch.Value,
            Notes = patch.Notes,
            Source = patch.Source?.Trim(),
            Status = status,
        };

        if (await ClaimEmailAsync(grains, current, changes, cancellationToken) is { } taken)
        {
            return taken;
        }

        var result = await lead.UpdateAsync(changes, cancellationToken);
        return result.Outcome switch
        {
            LeadUpdateOutcome.Updated => TypedResults.Ok(LeadMapping.ToView(result.Lead!)),
            LeadUpdateOutcome.TransitionRefused => RefusedTransition(result, status!.Value),
            _ => ProblemResults.NotFound("lead", id),
        };
    }

    /// <summary>
    /// A lead that takes a new email, or is reopened, becomes the open lead of its email, unless
    /// another open lead already is: one person, one open lead.
    /// </summary>
    private static async Task<ProblemHttpResult?> ClaimEmailAsync(
        IGrainFactory grains,
        Lead current,
        LeadChanges changes,
        CancellationToken cancellationToken)
    {
        var email = changes.Email ?? current.Email;
        var reopens = !current.IsOpen && changes.Status is { } next && next != current.Status
            && next is not (LeadStatus.Won or LeadStatus.Lost);
        if (email == current.Email && !reopens)
        {
            return null;
        }

        var intake = grains.GetGrain<ILeadIntakeGrain>(LeadEmail.IntakeKey(email));
        if (await intake.ClaimAsync(current.Id, email, cancellationToken))
        {
            return null;
        }

        return ProblemResults.Conflict(
            "Another open lead has this email.",
            "One person has one open lead: update that lead, or close it first.");
    }

    private static ProblemHttpResult RefusedTransition(LeadUpdateResult result, LeadStatus requested)
    {
        var from = LeadMapping.ToText(result.Lead!.Status);
        var allowed = result.AllowedStatuses.Select(LeadMapping.ToText).ToArray();
        var detail = allowed.Length == 0
            ? $"A {from} lead cannot move to {LeadMapping.ToText(requested)}; {from} is final."
            : $"A {from} lead cannot move to {LeadMapping.ToText(requested)}; allowed: {string.Join(", ", allowed)}.";
        return ProblemResults.Conflict(
            "That status change is not allowed.",
            detail,
            new Dictionary<string, object?> { ["currentStatus"] = from, ["allowedStatuses"] = allowed });
    }

    private static async Task<Results<Ok<ConversionView>, ProblemHttpResult>> ConvertAsync(
        string id,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<ILeadGrain>(id).ConvertAsync(cancellationToken);
        return result.Outcome switch
        {
            LeadConversionOutcome.Converted => TypedResults.Ok(
                new ConversionView(id, result.CustomerId!, LeadMapping.ToView(result.Lead!))),
            LeadConversionOutcome.Lost => ProblemResults.Conflict(
                "A lost lead cannot be converted.",
                "Reopen the lead (status NEW) before converting it.",
                new Dictionary<string, object?> { ["currentStatus"] = "LOST" }),
            _ => ProblemResults.NotFound("lead", id),
        };
    }
}

using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Validation;
using ChronusCrm.Grains.Abstractions.Leads;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChronusCrm.Api.Leads;

/// <summary>
/// The one path every submission takes, from the API and from the form webhook: validate, then
/// hand it to the intake grain of the person's email, which creates or merges.
/// </summary>
public static class LeadSubmissions
{
    public static async Task<Results<Created<LeadView>, Ok<LeadView>, ProblemHttpResult>> SubmitAsync(
        LeadInput input,
        string defaultSource,
        IGrainFactory grains,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var violations = RequestValidator.Validate(input);
        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var submission = LeadMapping.ToSubmission(input, defaultSource, clock.GetUtcNow());
        var intake = grains.GetGrain<ILeadIntakeGrain>(LeadEmail.IntakeKey(submission.Email));
        var result = await intake.SubmitAsync(submission, cancellationToken);

        var view = LeadMapping.ToView(result.Lead) with { Merged = result.Merged };
        return result.Merged
            ? TypedResults.Ok(view)
            : TypedResults.Created($"/leads/{view.Id}", view);
    }
}

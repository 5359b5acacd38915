namespace ChronusCrm.Grains.Abstractions.Leads;

/// <summary>
/// Keyed by <see cref="LeadEmail.IntakeKey"/> of a normalised email: the one place that decides whether a submission opens a new lead
/// or merges into the person's open lead. Being a single grain, concurrent submissions of one email
/// are ordered here and cannot both create a lead.
/// </summary>
public interface ILeadIntakeGrain : IGrainWithStringKey
{
    Task<LeadIntakeResult> SubmitAsync(LeadSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes <paramref name="leadId"/> the open lead for this email, unless another open lead holds it.
    /// </summary>
    Task<bool> ClaimAsync(string leadId, string email, CancellationToken cancellationToken = default);
}

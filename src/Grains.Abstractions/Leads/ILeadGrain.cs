using Orleans.Concurrency;

namespace ChronusCrm.Grains.Abstractions.Leads;

/// <summary>One lead, keyed by its id. The single writer of that lead's state.</summary>
public interface ILeadGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    Task<Lead?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the lead; called again with the same id it returns the lead unchanged.</summary>
    Task<Lead> CreateAsync(LeadSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>
    /// Folds a repeat submission into the lead. Returns null when the lead is missing, closed,
    /// or no longer has the submission's email, so that the caller opens a new lead instead.
    /// </summary>
    Task<Lead?> MergeAsync(LeadSubmission submission, CancellationToken cancellationToken = default);

    Task<LeadUpdateResult> UpdateAsync(LeadChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Makes the lead a customer and marks it won; converting twice answers the same customer.</summary>
    Task<LeadConversionResult> ConvertAsync(CancellationToken cancellationToken = default);
}

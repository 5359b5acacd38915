using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.Leads;
using ChronusCrm.Grains.Abstractions.Streams;
using ChronusCrm.Grains.Streams;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.Leads;

public sealed partial class LeadGrain(
    [PersistentState("lead")] IPersistentState<LeadState> state,
    TimeProvider clock,
    ILogger<LeadGrain> logger) : Grain, ILeadGrain
{
    /// <summary>Enough history to see how a person came back, without letting state grow unbounded.</summary>
    private const int HistoryLimit = 50;

    private string LeadId => this.GetPrimaryKeyString();

    public Task<Lead?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(state.State.Lead);

    public async Task<Lead> CreateAsync(LeadSubmission submission, CancellationToken cancellationToken)
    {
        if (state.State.Lead is { } existing)
        {
            return existing;
        }

        var lead = new Lead
        {
            Id = LeadId,
            Name = submission.Name,
            Email = submission.Email,
            Company = submission.Company,
            Value = submission.Value,
            Notes = submission.Notes,
            Source = submission.Source,
            Status = LeadStatus.New,
            CreatedAt = submission.ReceivedAt,
            UpdatedAt = submission.ReceivedAt,
            Version = 1,
            History = [submission],
        };

        await SaveAsync(lead);
        LogCreated(logger, LeadId);
        return lead;
    }

    public async Task<Lead?> MergeAsync(LeadSubmission submission, CancellationToken cancellationToken)
    {
        if (state.State.Lead is not { IsOpen: true } lead || lead.Email != submission.Email)
        {
            return null;
        }

        // The newest submission says best who the person is now; notes and source stay as the
        // team and the first touch left them, and every submission is kept in the history.
        var merged = lead with
        {
            Name = submission.Name,
            Company = submission.Company ?? lead.Company,
            Value = submission.Value ?? lead.Value,
            Notes = lead.Notes ?? submission.Notes,
            UpdatedAt = submission.ReceivedAt,
            Version = lead.Version + 1,
            History = [.. lead.History.TakeLast(HistoryLimit - 1), submission],
        };

        await SaveAsync(merged);
        LogMerged(logger, LeadId, merged.History.Count);
        return merged;
    }

    public async Task<LeadUpdateResult> UpdateAsync(LeadChanges changes, CancellationToken cancellationToken)
    {
        if (state.State.Lead is not { } lead)
        {
            return new() { Outcome = LeadUpdateOutcome.NotFound };
        }

        var target = changes.Status ?? lead.Status;
        if (!LeadPipeline.CanMove(lead.Status, target))
        {
            return Refused(lead);
        }

        var updated = lead with
        {
            Name = changes.Name ?? lead.Name,
            Email = changes.Email ?? lead.Email,
            Company = changes.Company ?? lead.Company,
            Value = changes.Value ?? lead.Value,
            Notes = changes.Notes ?? lead.Notes,
            Source = changes.Source ?? lead.Source,
            Status = target,
        };

        if (target == LeadStatus.Won && lead.Status != LeadStatus.Won)
        {
            updated = await ConvertAsync(updated, cancellationToken);
            return new() { Outcome = LeadUpdateOutcome.Updated, Lead = updated };
        }

        if (updated != lead)
        {
            updated = updated with { UpdatedAt = clock.GetUtcNow(), Version = lead.Version + 1 };
            await SaveAsync(updated);
        }

        return new() { Outcome = LeadUpdateOutcome.Updated, Lead = updated };
    }

    public async Task<LeadConversionResult> ConvertAsync(CancellationToken cancellationToken)
    {
        if (state.State.Lead is not { } lead)
        {
            return new() { Outcome = LeadConversionOutcome.NotFound };
        }

        if (lead.Status == LeadStatus.Lost)
        {
            return new() { Outcome = LeadConversionOutcome.Lost, Lead = lead };
        }

        var converted = await ConvertAsync(lead, cancellationToken);
        return new()
        {
            Outcome = LeadConversionOutcome.Converted,
            Lead = converted,
            CustomerId = converted.CustomerId,
        };
    }

    private async Task<Lead> ConvertAsync(Lead lead, CancellationToken cancellationToken)
    {
        if (lead.CustomerId is not null)
        {
            return lead;
        }

        // The customer is created first under an id derived from the lead's: if we stop before the
        // lead is saved, the retry reaches the same customer instead of making a second one.
        var customerId = EntityIds.CustomerForLead(LeadId);
        var customer = GrainFactory.GetGrain<ICustomerGrain>(customerId);
        await customer.CreateAsync(
            new NewCustomer { Name = lead.Name, Email = lead.Email, Company = lead.Company, LeadId = LeadId },
            cancellationToken);

        var won = lead with
        {
            Status = LeadStatus.Won,
            CustomerId = customerId,
            UpdatedAt = clock.GetUtcNow(),
            Version = state.State.Lead!.Version + 1,
        };

        await SaveAsync(won);
        LogConverted(logger, LeadId, customerId);
        return won;
    }

    private static LeadUpdateResult Refused(Lead lead) => new()
    {
        Outcome = LeadUpdateOutcome.TransitionRefused,
        Lead = lead,
        AllowedStatuses = LeadPipeline.AllowedFrom(lead.Status),
    };

    private async Task SaveAsync(Lead lead)
    {
        state.State.Lead = lead;
        await state.WriteStateAsync();

        // The change is committed; a lost event only delays the listing until the repair pass.
        try
        {
            await this.EntityStream<LeadChanged>(ChronusStreams.Leads, LeadId).OnNextAsync(new(lead));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPublishFailed(logger, exception, LeadId, lead.Version);
        }
    }
}

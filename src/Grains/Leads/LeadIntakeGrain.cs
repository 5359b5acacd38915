using ChronusCrm.Grains.Abstractions.Leads;

namespace ChronusCrm.Grains.Leads;

public sealed class LeadIntakeGrain(
    [PersistentState("intake")] IPersistentState<LeadIntakeState> state) : Grain, ILeadIntakeGrain
{
    public async Task<LeadIntakeResult> SubmitAsync(
        LeadSubmission submission,
        CancellationToken cancellationToken)
    {
        if (state.State.OpenLeadId is { } openId)
        {
            var open = GrainFactory.GetGrain<ILeadGrain>(openId);
            if (await open.MergeAsync(submission, cancellationToken) is { } merged)
            {
                return new(merged, Merged: true);
            }

            // The id is recorded before the lead is created; a stop in between leaves an id
            // whose lead does not exist yet, and this submission creates it.
            if (await open.GetAsync(cancellationToken) is null)
            {
                return new(await open.CreateAsync(submission, cancellationToken), Merged: false);
            }
        }

        var leadId = EntityIds.NewLead();
        state.State.OpenLeadId = leadId;
        await state.WriteStateAsync();

        var lead = GrainFactory.GetGrain<ILeadGrain>(leadId);
        return new(await lead.CreateAsync(submission, cancellationToken), Merged: false);
    }

    public async Task<bool> ClaimAsync(string leadId, string email, CancellationToken cancellationToken)
    {
        if (state.State.OpenLeadId == leadId)
        {
            return true;
        }

        if (state.State.OpenLeadId is { } holderId)
        {
            var holder = await GrainFactory.GetGrain<ILeadGrain>(holderId).GetAsync(cancellationToken);
            if (holder is { IsOpen: true } && holder.Email == email)
            {
                return false;
            }
        }

        state.State.OpenLeadId = leadId;
        await state.WriteStateAsync();
        return true;
    }
}

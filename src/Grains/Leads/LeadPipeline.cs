using ChronusCrm.Grains.Abstractions.Leads;

namespace ChronusCrm.Grains.Leads;

/// <summary>Which status a lead may move to from the one it has.</summary>
public static class LeadPipeline
{
    private static readonly Dictionary<LeadStatus, LeadStatus[]> Next = new()
    {
        [LeadStatus.New] = [LeadStatus.Contacted, LeadStatus.Qualified, LeadStatus.Lost],
        [LeadStatus.Contacted] = [LeadStatus.Qualified, LeadStatus.Lost],
        [LeadStatus.Qualified] = [LeadStatus.Proposal, LeadStatus.Lost],
        [LeadStatus.Proposal] = [LeadStatus.Negotiation, LeadStatus.Won, LeadStatus.Lost],
        [LeadStatus.Negotiation] = [LeadStatus.Proposal, LeadStatus.Won, LeadStatus.Lost],
        [LeadStatus.Won] = [],

        // A lost lead can be reopened; a won one has become a customer.
        [LeadStatus.Lost] = [LeadStatus.New],
    };

    public static IReadOnlyList<LeadStatus> AllowedFrom(LeadStatus status) => Next[status];

    public static bool CanMove(LeadStatus from, LeadStatus to) => from == to || Next[from].Contains(to);
}

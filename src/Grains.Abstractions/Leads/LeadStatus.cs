namespace ChronusCrm.Grains.Abstractions.Leads;

/// <summary>The sales pipeline a lead moves through, from first contact to won or lost.</summary>
public enum LeadStatus
{
    New,
    Contacted,
    Qualified,
    Proposal,
    Negotiation,
    Won,
    Lost,
}

using ChronusCrm.Grains.Abstractions.Leads;
using ChronusCrm.Grains.Leads;

namespace ChronusCrm.Tests.Grains;

public sealed class LeadPipelineTests
{
    [Theory]
    [InlineData(LeadStatus.New, LeadStatus.Contacted, true)]
    [InlineData(LeadStatus.New, LeadStatus.Won, false)]
    [InlineData(LeadStatus.Proposal, LeadStatus.Won, true)]
    [InlineData(LeadStatus.Negotiation, LeadStatus.Proposal, true)]
    [InlineData(LeadStatus.Won, LeadStatus.Lost, false)]
    [InlineData(LeadStatus.Lost, LeadStatus.New, true)]
    [InlineData(LeadStatus.Lost, LeadStatus.Qualified, false)]
    [InlineData(LeadStatus.Qualified, LeadStatus.Qualified, true)]
    public void A_move_is_allowed_only_along_the_pipeline(LeadStatus from, LeadStatus to, bool allowed) =>
        Assert.Equal(allowed, LeadPipeline.CanMove(from, to));

    [Fact]
    public void Won_is_final_and_every_open_status_can_be_lost()
    {
        Assert.Empty(LeadPipeline.AllowedFrom(LeadStatus.Won));
        var open = Enum.GetValues<LeadStatus>().Where(s => s is not (LeadStatus.Won or LeadStatus.Lost));
        Assert.All(open, s => Assert.Contains(LeadStatus.Lost, LeadPipeline.AllowedFrom(s)));
    }
}

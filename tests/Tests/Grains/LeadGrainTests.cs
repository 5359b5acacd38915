using ChronusCrm.Grains;
using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.Leads;
using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.ReadModel;
using ChronusCrm.Grains.Storage;
using ChronusCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChronusCrm.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class LeadGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Thirty_concurrent_submissions_to_one_intake_grain_make_one_lead()
    {
        var email = Http.UniqueEmail("intake");
        var intake = Intake(email);

        var results = await Task.WhenAll(Enumerable.Range(0, 30)
            .Select(i => intake.SubmitAsync(Submission(email, $"Person {i}"))));

        Assert.Single(results.Select(r => r.Lead.Id).Distinct());
        Assert.Single(results, r => !r.Merged);
        var lead = await _grains.GetGrain<ILeadGrain>(results[0].Lead.Id).GetAsync();
        Assert.Equal(30, lead!.History.Count);
        Assert.Equal(30, lead.Version);
    }

    [Fact]
    public async Task A_lead_is_read_back_from_storage_after_its_grain_is_deactivated()
    {
        var email = Http.UniqueEmail("durable");
        var created = await Intake(email).SubmitAsync(Submission(email, "Durable"));

        var management = _grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var stored = await ReadStoredStateAsync("lead", created.Lead.Id);
        Assert.Contains("\"Durable\"", stored, StringComparison.Ordinal);

        var lead = await _grains.GetGrain<ILeadGrain>(created.Lead.Id).GetAsync();
        Assert.NotNull(lead);
        Assert.Equal("Durable", lead.Name);
        Assert.Equal(email, lead.Email);
        Assert.Equal(LeadStatus.New, lead.Status);
    }

    [Fact]
    public async Task Converting_twice_reaches_the_same_customer_whose_id_derives_from_the_lead()
    {
        var email = Http.UniqueEmail("convert");
        var created = await Intake(email).SubmitAsync(Submission(email, "Convert"));
        var lead = _grains.GetGrain<ILeadGrain>(created.Lead.Id);

        var first = await lead.ConvertAsync();
        var second = await lead.ConvertAsync();

        Assert.Equal(EntityIds.CustomerForLead(created.Lead.Id), first.CustomerId);
        Assert.Equal(first.CustomerId, second.CustomerId);
        Assert.Equal(LeadStatus.Won, second.Lead!.Status);
        var customer = await _grains.GetGrain<ICustomerGrain>(first.CustomerId!).GetAsync();
        Assert.Equal(CustomerStatus.Active, customer!.Status);
        Assert.Equal(created.Lead.Id, customer.LeadId);
    }

    [Fact]
    public async Task A_lost_lead_cannot_be_converted_and_a_won_lead_cannot_move()
    {
        var email = Http.UniqueEmail("lost");
        var created = await Intake(email).SubmitAsync(Submission(email, "Lost"));
        var lead = _grains.GetGrain<ILeadGrain>(created.Lead.Id);

        await lead.UpdateAsync(new LeadChanges { Status = LeadStatus.Lost });
        var conversion = await lead.ConvertAsync();
        Assert.Equal(LeadConversionOutcome.Lost, conversion.Outcome);

        await lead.UpdateAsync(new LeadChanges { Status = LeadStatus.New });
        await lead.ConvertAsync();
        var refused = await lead.UpdateAsync(new LeadChanges { Status = LeadStatus.Negotiation });
        Assert.Equal(LeadUpdateOutcome.TransitionRefused, refused.Outcome);
        Assert.Empty(refused.AllowedStatuses);
    }

    [Fact]
    public async Task The_lead_listing_is_fed_by_stream_events_and_repaired_from_grain_storage()
    {
        var email = Http.UniqueEmail("projected");
        var created = await Intake(email).SubmitAsync(Submission(email, "Projected"));
        var directory = fixture.SiloServices.GetRequiredService<LeadDirectory>();
        var query = new LeadQuery(10, null, null, null, email);

        var listed = await Http.EventuallyAsync(() => directory.ListAsync(query, default), p => p.Items.Count == 1);
        Assert.Equal(created.Lead.Id, Assert.Single(listed.Items).Id);

        // A row lost with a crashed silo, as if its event had never been delivered.
        var database = fixture.SiloServices.GetRequiredService<ChronusDatabase>();
        await using (var delete = database.DataSource.CreateCommand($"DELETE FROM lead_list WHERE id = '{created.Lead.Id}'"))
        {
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        Assert.Empty((await directory.ListAsync(query, default)).Items);
        var repair = fixture.SiloServices.GetRequiredService<ReadModelRepair>();
        await repair.RepairSinceAsync(DateTime.UtcNow.AddMinutes(-5), default);

        Assert.Equal(created.Lead.Id, Assert.Single((await directory.ListAsync(query, default)).Items).Id);
    }

    /// <summary>The grain's row in the ADO.NET storage table, as JSON text.</summary>
    private async Task<string> ReadStoredStateAsync(string stateName, string grainKey)
    {
        var database = fixture.SiloServices.GetRequiredService<ChronusDatabase>();
        await using var command = database.DataSource.CreateCommand(
            "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = @state AND GrainIdExtensionString = @key");
        var state = command.CreateParameter();
        state.ParameterName = "@state";
        state.Value = stateName;
        var key = command.CreateParameter();
        key.ParameterName = "@key";
        key.Value = grainKey;
        command.Parameters.Add(state);
        command.Parameters.Add(key);

        var payload = (byte[])(await command.ExecuteScalarAsync())!;
        return System.Text.Encoding.UTF8.GetString(payload);
    }

    private ILeadIntakeGrain Intake(string email) =>
        _grains.GetGrain<ILeadIntakeGrain>(LeadEmail.IntakeKey(email));

    private static LeadSubmission Submission(string email, string name) => new()
    {
        Name = name,
        Email = email,
        Source = "TEST",
        ReceivedAt = DateTimeOffset.UtcNow,
    };
}

using ChronusCrm.Grains.Abstractions.Idempotency;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class IdempotencyGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_key_runs_once_replays_its_answer_and_refuses_another_request()
    {
        var grain = fixture.Grains.GetGrain<IIdempotencyGrain>($"test|/leads|{Guid.NewGuid()}");
        var stored = new StoredResponse { StatusCode = 201, ContentType = "application/json", Body = [1, 2, 3] };

        Assert.Equal(IdempotencyVerdict.Proceed, (await grain.BeginAsync("A")).Verdict);
        Assert.Equal(IdempotencyVerdict.InFlight, (await grain.BeginAsync("A")).Verdict);
        Assert.Equal(IdempotencyVerdict.Mismatch, (await grain.BeginAsync("B")).Verdict);

        await grain.CompleteAsync("A", stored);
        var replay = await grain.BeginAsync("A");

        Assert.Equal(IdempotencyVerdict.Replay, replay.Verdict);
        Assert.Equal(stored.Body, replay.Response!.Body);
        Assert.Equal(IdempotencyVerdict.Mismatch, (await grain.BeginAsync("B")).Verdict);
    }

    [Fact]
    public async Task An_abandoned_attempt_lets_the_retry_run()
    {
        var grain = fixture.Grains.GetGrain<IIdempotencyGrain>($"test|/leads|{Guid.NewGuid()}");

        Assert.Equal(IdempotencyVerdict.Proceed, (await grain.BeginAsync("A")).Verdict);
        await grain.AbandonAsync("A");

        Assert.Equal(IdempotencyVerdict.Proceed, (await grain.BeginAsync("A")).Verdict);
    }

    [Fact]
    public async Task A_stored_answer_survives_deactivation()
    {
        var grain = fixture.Grains.GetGrain<IIdempotencyGrain>($"test|/leads|{Guid.NewGuid()}");
        await grain.BeginAsync("A");
        await grain.CompleteAsync("A", new StoredResponse { StatusCode = 200, Body = [42] });

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var replay = await grain.BeginAsync("A");
        Assert.Equal(IdempotencyVerdict.Replay, replay.Verdict);
        Assert.Equal([42], replay.Response!.Body);
    }
}

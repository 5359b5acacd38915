using System.Globalization;
using System.Net.Http.Json;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Tests.Infrastructure;

namespace ChronusCrm.Tests.AssistAi;

/// <summary>A sync cut short by kill -9 resumes after the restart and stores every message once, in order.</summary>
[Collection(AssistAiCollection.Name)]
public sealed class AssistAiSyncRestartTests(AssistAiFixture fixture)
{
    [Fact]
    public async Task A_sync_killed_halfway_finishes_after_the_restart_with_every_message_once()
    {
        var settings = new Dictionary<string, string>
        {
            ["Chronus:DataDirectory"] = Directory.CreateTempSubdirectory("chronus-sync-kill-").FullName,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["AssistAi:BaseUrl"] = fixture.SimulatorAddress,
            ["AssistAi:ApiToken"] = "sim-token",
            ["AssistAi:TenantDomain"] = "sim.assistai.local",
            ["AssistAi:OrganizationCode"] = "SIM",
            ["AssistAi:SyncInterval"] = "01:00:00",
        };
        (await fixture.Simulator.PostAsync("/_sim/reset", null)).EnsureSuccessStatusCode();
        var scenario = new AssistAiScenario(fixture.Simulator, fixture.Server.Client);
        var seeded = new List<(string Phone, string[] Contents)>();
        for (var c = 0; c < 6; c++)
        {
            var contents = Enumerable.Range(1, 5).Select(m => $"conversation {c} message {m}").ToArray();
            var (_, phone, _) = await scenario.SeedAsync(c % 2, contents);
            seeded.Add((phone, contents));
        }

        // Every call is slow, so the kill lands while the sync is between conversations.
        await scenario.FaultAsync(status: 200, times: 10_000, delayMilliseconds: 400);
        await using (var silo = await SiloProcess.StartAsync(settings))
        {
            var calls = await fixture.Simulator.GetFromJsonAsync<int>("/_sim/calls");
            _ = silo.Client.PostAsync("/assistai/sync", null);
            await Http.EventuallyAsync(() => fixture.Simulator.GetFromJsonAsync<int>("/_sim/calls"), n => n >= calls + 4);
            silo.Kill();
        }

        (await fixture.Simulator.PostAsync("/_sim/faults/clear", null)).EnsureSuccessStatusCode();
        await using (var silo = await SiloProcess.StartAsync(settings))
        {
            var status = await (await silo.Client.PostAsync("/assistai/sync", null)).ReadJsonAsync();
            Assert.Null(status["lastError"]?.GetValue<string>());

            foreach (var (phone, contents) in seeded)
            {
                var id = ConversationIds.For(Platform.Whatsapp, phone);
                var messages = await silo.Client.GetArrayAsync($"/conversations/{id}/messages?limit=200");
                Assert.Equal(contents, messages.Select(m => m!.Str("content")));
                Assert.Equal(Enumerable.Range(1, contents.Length).Select(i => (long)i), messages.Select(m => m!["sequence"]!.GetValue<long>()));
            }
        }
    }
}

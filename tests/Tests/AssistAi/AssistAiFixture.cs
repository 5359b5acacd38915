using ChronusCrm.AssistAiSimulator;
using ChronusCrm.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChronusCrm.Tests.AssistAi;

/// <summary>The project's AssistAI simulator on a loopback port, and a ChronusCRM configured to use it.</summary>
public sealed class AssistAiFixture : IAsyncLifetime
{
    private WebApplication _simulator = null!;
    private Dictionary<string, string> _settings = null!;

    public ChronusServer Server { get; private set; } = null!;

    /// <summary>A client of the simulator's test controls (/_sim).</summary>
    public HttpClient Simulator { get; private set; } = null!;

    /// <summary>Where the simulator listens, for a ChronusCRM process of a test's own.</summary>
    public string SimulatorAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _simulator = SimulatorApp.Create(["--urls", "http://127.0.0.1:0"]);
        await _simulator.StartAsync();
        SimulatorAddress = _simulator.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First();
        Simulator = new HttpClient { BaseAddress = new Uri(SimulatorAddress) };

        _settings = new()
        {
            ["Chronus:DataDirectory"] = Directory.CreateTempSubdirectory("chronus-assistai-").FullName,
            ["AssistAi:BaseUrl"] = SimulatorAddress,
            ["AssistAi:ApiToken"] = "sim-token",
            ["AssistAi:TenantDomain"] = "sim.assistai.local",
            ["AssistAi:OrganizationCode"] = "SIM",

            // Syncs run when a test asks, so the scheduled one never takes a fault meant for a test.
            ["AssistAi:SyncInterval"] = "01:00:00",
            ["AssistAi:AttemptTimeout"] = "00:00:01",
        };
        Server = await ChronusServer.StartAsync(_settings, "assistai");
    }

    /// <summary>Stops the server and starts a new one on the same data.</summary>
    public async Task RestartServerAsync()
    {
        await Server.DisposeAsync();
        Server = await ChronusServer.StartAsync(_settings, "assistai");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Simulator.Dispose();
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
    }
}

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

    public ChronusServer Server { get; private set; } = null!;

    /// <summary>A client of the simulator's test controls (/_sim).</summary>
    public HttpClient Simulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _simulator = SimulatorApp.Create(["--urls", "http://127.0.0.1:0"]);
        await _simulator.StartAsync();
        var address = _simulator.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First();
        Simulator = new HttpClient { BaseAddress = new Uri(address) };

        Server = await ChronusServer.StartAsync(
            new()
            {
                ["Chronus:DataDirectory"] = Directory.CreateTempSubdirectory("chronus-assistai-").FullName,
                ["AssistAi:BaseUrl"] = address,
                ["AssistAi:ApiToken"] = "sim-token",
                ["AssistAi:TenantDomain"] = "sim.assistai.local",
                ["AssistAi:OrganizationCode"] = "SIM",
            },
            "assistai");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Simulator.Dispose();
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
    }
}

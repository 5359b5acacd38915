using ChronusCrm.AssistAiSimulator;

// A stand-in for AssistAI's API, for tests and for a local demo:
//   dotnet run --project tests/AssistAiSimulator -- --urls http://127.0.0.1:5090
// It expects the token "sim-token", tenant "sim.assistai.local" and organization "SIM" unless
// Simulator__Token, Simulator__Tenant and Simulator__Organization say otherwise; with
// Simulator__Demo=true it starts with two agents and two conversations.
var app = SimulatorApp.Create(args);
if (app.Configuration.GetValue<bool>("Simulator:Demo"))
{
    app.Services.GetRequiredService<SimulatorState>().SeedDemo();
}

await app.RunAsync();

using System.Globalization;

namespace ChronusCrm.AssistAiSimulator;

public static class SimulatorApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<SimulatorState>();
        var app = builder.Build();

        var token = app.Configuration["Simulator:Token"] ?? "sim-token";
        var tenant = app.Configuration["Simulator:Tenant"] ?? "sim.assistai.local";
        var organization = app.Configuration["Simulator:Organization"] ?? "SIM";

        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter(async (context, next) =>
        {
            var state = context.HttpContext.RequestServices.GetRequiredService<SimulatorState>();
            Interlocked.Increment(ref state.Calls);
            var headers = context.HttpContext.Request.Headers;
            if (headers.Authorization.ToString() != $"Bearer {token}"
                || headers["x-tenant-domain"].ToString() != tenant
                || headers["x-organization-code"].ToString() != organization)
            {
                return Results.Json(new { message = "Unauthorized" }, statusCode: 401);
            }

            if (state.NextFault() is { } fault)
            {
                await Task.Delay(fault.DelayMilliseconds);
                if (fault.Status != 200)
                {
                    if (fault.RetryAfterSeconds is { } seconds)
                    {
                        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    }

                    return Results.Json(new { message = "Simulated failure" }, statusCode: fault.Status);
                }
            }

            return await next(context);
        });

        api.MapGet("/agents", (SimulatorState state, int? page, int? take) =>
            Paged(state.Agents.Values.OrderBy(a => a.CreatedAt).ThenBy(a => a.Code), page, take));

        // Test controls: seed data, inject faults, read counters.
        var control = app.MapGroup("/_sim");
        control.MapPost("/reset", (SimulatorState state) => state.Reset());
        control.MapPost("/agents", (SimulatorState state, Agent[] agents) =>
        {
            foreach (var agent in agents)
            {
                state.Agents[agent.Code] = agent;
            }
        });
        control.MapPost("/faults", (SimulatorState state, Fault fault, int? times) => state.Enqueue(fault, times ?? 1));
        control.MapGet("/calls", (SimulatorState state) => state.Calls);
        return app;
    }

    /// <summary>AssistAI's list shape: data, and a meta whose paging fields the client may read.</summary>
    private static IResult Paged<T>(IEnumerable<T> all, int? page, int? take)
    {
        var size = Math.Clamp(take ?? 10, 1, 100);
        var number = Math.Max(page ?? 1, 1);
        var items = all.ToList();
        var data = items.Skip((number - 1) * size).Take(size).ToList();
        return Results.Json(new
        {
            data,
            meta = new { page = number, take = size, itemCount = items.Count, pageCount = (items.Count + size - 1) / size },
        });
    }
}

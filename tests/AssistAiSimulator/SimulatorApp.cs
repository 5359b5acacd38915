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

        api.MapGet("/conversations", (SimulatorState state, int? page, int? take, string? agentCode) =>
            Paged(
                state.Conversations.Values
                    .Where(c => agentCode is null || c.AgentCode == agentCode)
                    .OrderByDescending(c => c.UpdatedAt)
                    .Select(Shape),
                page,
                take));
        api.MapGet("/conversations/{uuid}/messages", (SimulatorState state, string uuid, int? page, int? take, string? order) =>
        {
            if (!state.Conversations.TryGetValue(uuid, out var conversation))
            {
                return Results.Json(new { message = "Not found" }, statusCode: 404);
            }

            List<SimMessage> messages;
            lock (conversation.Messages)
            {
                messages = [.. conversation.Messages];
            }

            var ordered = order == "DESC" ? messages.AsEnumerable().Reverse() : messages;
            return Paged(ordered.Select(m => Shape(m, conversation.Variant)), page, take);
        });

        api.MapPost("/conversations/{uuid}/messages", (SimulatorState state, string uuid, SendBody body) =>
        {
            if (!state.Conversations.TryGetValue(uuid, out var conversation))
            {
                return Results.Json(new { message = "Not found" }, statusCode: 404);
            }

            if (string.IsNullOrWhiteSpace(body.Content))
            {
                return Results.Json(new { message = "content is required" }, statusCode: 400);
            }

            // AssistAI relays it to the customer and shows it in the conversation from then on.
            var id = Guid.NewGuid().ToString("N");
            var intervention = body.Intervention == true;
            lock (conversation.Messages)
            {
                conversation.Messages.Add(new SimMessage(id, "agent", body.Content, DateTimeOffset.UtcNow, intervention));
            }

            conversation.UpdatedAt = DateTimeOffset.UtcNow;
            state.Sent.Enqueue(new SentMessage(uuid, id, body.Content, intervention, body.SenderMetadata?.Id, body.SenderMetadata?.Role));
            return state.SendAnswersId ? Results.Json(new { id }, statusCode: 201) : Results.StatusCode(201);
        });

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
        control.MapPost("/conversations", (SimulatorState state, NewConversation c) =>
            state.Conversations[c.Uuid] = new SimConversation(c.Uuid, c.Title, c.Channel, c.ContactPhone, c.AgentCode, c.Variant));
        control.MapPost("/conversations/{uuid}/messages", (SimulatorState state, string uuid, SimMessage message) =>
        {
            var conversation = state.Conversations[uuid];
            lock (conversation.Messages)
            {
                conversation.Messages.Add(message);
            }

            conversation.UpdatedAt = DateTimeOffset.UtcNow;
        });
        control.MapPost("/faults", (SimulatorState state, Fault fault, int? times) => state.Enqueue(fault, times ?? 1));
        control.MapPost("/faults/clear", (SimulatorState state) => state.ClearFaults());
        control.MapGet("/calls", (SimulatorState state) => state.Calls);
        control.MapGet("/sent", (SimulatorState state) => state.Sent.ToArray());
        control.MapPost("/send-answers-id", (SimulatorState state, bool value) => state.SendAnswersId = value);
        return app;
    }

    private static object Shape(SimConversation c) => c.Variant == 0
        ? new { uuid = c.Uuid, title = c.Title, createdAt = c.UpdatedAt, updatedAt = c.UpdatedAt, channel = c.Channel, contactPhone = c.ContactPhone, agentCode = c.AgentCode }
        : new { uuid = c.Uuid, title = c.Title, createdAt = c.UpdatedAt, lastMessageDate = c.UpdatedAt, platform = c.Channel, customer = new { name = "Sim Customer", phone = c.ContactPhone }, agentCode = c.AgentCode };

    private static object Shape(SimMessage m, int variant) => variant == 0
        ? new { id = m.Id, sender = m.Sender, content = m.Content, timestamp = m.Timestamp, intervention = m.Intervention }
        : new { id = m.Id, role = m.Sender, content = m.Content, createdAt = m.Timestamp } as object;

    public sealed record NewConversation(string Uuid, string Title, string Channel, string? ContactPhone, string AgentCode, int Variant);

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

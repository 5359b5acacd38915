using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChronusCrm.Api.Security;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ChronusCrm.Api.Inbox;

/// <summary>
/// The live inbox feed as Server-Sent Events. Each event's id is its place in the inbox log, so a
/// client that reconnects with Last-Event-ID is sent everything after it, read from the log: a
/// restart or a different silo loses nothing. Live events come from <see cref="InboxFeed"/>, the
/// one follower of the log that every connection of this silo shares.
/// </summary>
public static class InboxEventsApi
{
    private static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapInboxEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/inbox/events", StreamAsync)
            .WithTags("Inbox")
            .WithName("InboxEvents")
            .WithSummary("Server-Sent Events of new messages and conversation changes; resumable with Last-Event-ID")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .RequireScope(ApiScopes.InboxRead);
        return routes;
    }

    private static async Task StreamAsync(
        HttpContext context,
        IMessageHistory history,
        InboxFeed feed,
        IOptions<JsonOptions> json,
        TimeProvider clock,
        string? conversationId,
        CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        var position = StartingPoint(context.Request) ?? await history.LatestFeedIdAsync(cancellationToken);
        await response.WriteAsync($": connected at {position}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        using var subscription = feed.Subscribe();
        var quietSince = clock.GetUtcNow();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var page = await feed.ReadAsync(position, conversationId, cancellationToken);
                foreach (var entry in page.Entries)
                {
                    await response.WriteAsync(Format(entry, json.Value.SerializerOptions), cancellationToken);
                }

                position = page.Position;
                if (page.Entries.Count > 0 || clock.GetUtcNow() - quietSince >= KeepAliveEvery)
                {
                    if (page.Entries.Count == 0)
                    {
                        await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    }

                    await response.Body.FlushAsync(cancellationToken);
                    quietSince = clock.GetUtcNow();
                }

                if (page.Entries.Count < InboxFeed.PageSize)
                {
                    await feed.WaitAsync(position, KeepAliveEvery, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static long? StartingPoint(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].ToString();
        if (text.Length == 0)
        {
            text = request.Query["lastEventId"].ToString();
        }

        return long.TryParse(text, CultureInfo.InvariantCulture, out var id) && id >= 0 ? id : null;
    }

    // The entries the log follower keeps are shared by every connection of the silo: each is
    // parsed and written out once, not once per connection.
    private static readonly ConditionalWeakTable<FeedEntry, string> Formatted = new();

    private static string Format(FeedEntry entry, JsonSerializerOptions options) =>
        Formatted.GetValue(entry, e => FormatOnce(e, options));

    private static string FormatOnce(FeedEntry entry, JsonSerializerOptions options)
    {
        var data = entry.Kind is "message" or "delivery"
            ? JsonSerializer.Serialize(InboxMapping.ToView(Parse<Message>(entry.Json)), options)
            : JsonSerializer.Serialize(InboxMapping.ToView(Parse<Conversation>(entry.Json)), options);
        return $"id: {entry.Id}\nevent: {entry.Kind}\ndata: {data}\n\n";
    }

    private static T Parse<T>(string json) => JsonSerializer.Deserialize<T>(json, FeedJson)!;

    private static readonly JsonSerializerOptions FeedJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}

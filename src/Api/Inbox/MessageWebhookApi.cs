using ChronusCrm.Api.Http;
using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Security;
using ChronusCrm.Api.Validation;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChronusCrm.Api.Inbox;

/// <summary>
/// Where chat platforms push messages. The answer comes once the message is durably logged in its
/// conversation, with its place there; a platform's retry of the same message id changes nothing.
/// </summary>
public static class MessageWebhookApi
{
    public static IEndpointRouteBuilder MapMessageWebhookApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/webhooks/messages/incoming", ReceiveAsync)
            .WithTags("Webhooks")
            .WithName("IncomingMessageWebhook")
            .WithSummary("Receive a WhatsApp, Instagram or SMS message into the unified inbox")
            .WithDescription("Authenticate with an API key holding messages:write, or sign the body: "
                + "X-Chronus-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(
                new RequestSizeLimitAttribute(InboxLimits.BodyBytes),
                RateBudget.Ingest,
                AcceptsSignature.Instance)
            .RequireScope(ApiScopes.MessagesWrite);
        return routes;
    }

    private static async Task<Results<AcceptedJson<MessageAccepted>, OkJson<MessageAccepted>, ProblemHttpResult>> ReceiveAsync(
        IncomingMessageRequest request,
        SenderConversations senders,
        CancellationToken cancellationToken)
    {
        if (request.Content is { Length: > InboxLimits.Content })
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The message is too long.",
                detail: $"content must be at most {InboxLimits.Content} characters.",
                extensions: new Dictionary<string, object?> { ["field"] = "content", ["rule"] = "maxLength" });
        }

        var violations = RequestValidator.Validate(request);
        var platform = InboxMapping.ParseOptional<Platform>(request.Platform, "platform", violations)
            ?? Platform.Whatsapp;

        SenderConversation? sender = null;
        if (violations.Count == 0 && !senders.TryResolve(platform, request.From!, out sender))
        {
            violations.Add(platform == Platform.Instagram
                ? new("from", "instagramHandle", "from must be an Instagram handle or account id")
                : new("from", "phoneNumber",
                    "from must be a phone number in international form, like +15550123456"));
        }

        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var message = new IncomingMessage
        {
            Platform = platform,
            Sender = sender!.Sender,
            SenderName = TrimmedText.OrNull(request.Name),
            Content = request.Content!,
            ExternalId = TrimmedText.OrNull(request.ExternalId),
            SentAt = request.Timestamp,
            MediaUrl = TrimmedText.OrNull(request.MediaUrl),
            MediaType = TrimmedText.OrNull(request.MediaType),
        };

        var result = await sender.Conversation.ReceiveAsync(message, cancellationToken);

        var accepted = new MessageAccepted(result.MessageId, result.ConversationId, result.Sequence);
        return result.Duplicate
            ? new OkJson<MessageAccepted>(accepted with { Duplicate = true })
            : new AcceptedJson<MessageAccepted>($"/conversations/{result.ConversationId}", accepted);
    }
}

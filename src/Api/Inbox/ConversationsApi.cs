using ChronusCrm.Api.Paging;
using ChronusCrm.Api.Problems;
using ChronusCrm.Api.Security;
using ChronusCrm.Api.Validation;
using ChronusCrm.Grains.Abstractions.Customers;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChronusCrm.Api.Inbox;

/// <summary>The unified inbox: conversations, their messages, replies and the work on them.</summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/conversations")
            .WithTags("Inbox")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("", ListAsync)
            .WithName("ListConversations")
            .WithSummary("List conversations, newest activity first, with previews and unread counts")
            .RequireScope(ApiScopes.InboxRead);
        group.MapGet("/{id:maxlength(64)}", GetAsync)
            .WithName("GetConversation")
            .RequireScope(ApiScopes.InboxRead);
        group.MapGet("/{id:maxlength(64)}/messages", MessagesAsync)
            .WithName("ListMessages")
            .WithSummary("A conversation's messages in order: after or before a sequence")
            .RequireScope(ApiScopes.InboxRead);
        group.MapPost("/{id:maxlength(64)}/messages", ReplyAsync)
            .WithName("ReplyToConversation")
            .WithSummary("Send a reply; it is stored as outgoing and delivered through the platform's adapter")
            .WithMetadata(new RequestSizeLimitAttribute(InboxLimits.BodyBytes))
            .RequireScope(ApiScopes.InboxWrite);
        group.MapPatch("/{id:maxlength(64)}", UpdateAsync)
            .WithName("UpdateConversation")
            .WithSummary("Change status, assignee or priority")
            .RequireScope(ApiScopes.InboxWrite);
        group.MapPost("/{id:maxlength(64)}/read", MarkReadAsync)
            .WithName("MarkConversationRead")
            .RequireScope(ApiScopes.InboxWrite);
        group.MapPost("/{id:maxlength(64)}/takeover", TakeoverAsync)
            .WithName("TakeOverConversation")
            .WithSummary("A human takes the conversation over from the AI, until released or the time runs out")
            .RequireScope(ApiScopes.InboxWrite);
        group.MapPost("/{id:maxlength(64)}/release", ReleaseAsync)
            .WithName("ReleaseConversation")
            .WithSummary("Give the conversation back to the AI")
            .RequireScope(ApiScopes.InboxWrite);
        group.MapPost("/{id:maxlength(64)}/link", LinkAsync)
            .WithName("LinkConversation")
            .WithSummary("Link the conversation to a customer by hand")
            .RequireScope(ApiScopes.InboxWrite);

        routes.MapGet("/customers/{id:maxlength(64)}/conversations", ForCustomerAsync)
            .WithTags("Inbox")
            .WithName("ListCustomerConversations")
            .RequireScope(ApiScopes.InboxRead);
        return routes;
    }

    private static async Task<Results<Ok<ConversationView[]>, ProblemHttpResult>> ListAsync(
        HttpContext context,
        IConversationDirectory directory,
        int? limit,
        string? cursor,
        string? status,
        string? platform,
        string? assignee,
        string? customerId,
        CancellationToken cancellationToken)
    {
        if (ListQuery.Check(limit, cursor, out var after) is { } invalid)
        {
            return invalid;
        }

        var violations = new List<FieldViolation>();
        var statusFilter = InboxMapping.ParseOptional<ConversationStatus>(status, "status", violations);
        var platformFilter = InboxMapping.ParseOptional<Platform>(platform, "platform", violations);
        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var query = new ConversationQuery(
            limit ?? PageLinks.DefaultLimit, after, statusFilter, platformFilter, assignee, customerId);
        var page = await directory.ListAsync(query, cancellationToken);

        PageLinks.AddNext(context, page.NextCursor);
        return TypedResults.Ok(page.Items.Select(InboxMapping.ToView).ToArray());
    }

    private static async Task<Results<Ok<ConversationView[]>, ProblemHttpResult>> ForCustomerAsync(
        string id,
        HttpContext context,
        IGrainFactory grains,
        IConversationDirectory directory,
        int? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ICustomerGrain>(id).GetAsync(cancellationToken) is null)
        {
            return ProblemResults.NotFound("customer", id);
        }

        return await ListAsync(context, directory, limit, cursor, null, null, null, id, cancellationToken);
    }

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> GetAsync(
        string id,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var conversation = await Conversation(grains, id).GetAsync(cancellationToken);
        return conversation is null ? NotFound(id) : TypedResults.Ok(InboxMapping.ToView(conversation));
    }

    private static async Task<Results<Ok<MessageView[]>, ProblemHttpResult>> MessagesAsync(
        string id,
        HttpContext context,
        IGrainFactory grains,
        IMessageHistory history,
        long? after,
        long? before,
        int? limit,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > PageLinks.MaxLimit)
        {
            return ProblemResults.Invalid("limit", "range", $"limit must be from 1 to {PageLinks.MaxLimit}");
        }

        if (await Conversation(grains, id).GetAsync(cancellationToken) is null)
        {
            return NotFound(id);
        }

        var size = limit ?? PageLinks.DefaultLimit;
        var messages = await history.ReadAsync(id, after, before, size, cancellationToken);
        if (messages.Count == size)
        {
            var next = before is not null && after is null
                ? $"?before={messages[0].Sequence}&limit={size}"
                : $"?after={messages[^1].Sequence}&limit={size}";
            context.Response.Headers.Append("Link", $"<{context.Request.Path}{next}>; rel=\"next\"");
        }

        return TypedResults.Ok(messages.Select(InboxMapping.ToView).ToArray());
    }

    private static async Task<Results<Accepted<MessageView>, ProblemHttpResult>> ReplyAsync(
        string id,
        ReplyRequest request,
        HttpContext context,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (request.Content is { Length: > InboxLimits.Content })
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The reply is too long.",
                detail: $"content must be at most {InboxLimits.Content} characters.");
        }

        var violations = RequestValidator.Validate(request);
        var author = MessageAuthor.Human;
        if (request.Author is not null
            && (!InboxMapping.TryParse(request.Author, out author) || author == MessageAuthor.Customer))
        {
            // A reply is never the customer's: the only authors to name are the two who answer.
            violations.Add(new FieldViolation("author", "oneOf", "author must be human or ai_agent"));
        }

        if (author == MessageAuthor.AiAgent && request.ControlEpoch is null)
        {
            violations.Add(new FieldViolation("controlEpoch", "required", "controlEpoch is required for an ai_agent reply"));
        }

        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var reply = new OutgoingMessage
        {
            Content = request.Content!,
            Author = author,
            AuthorName = TrimmedText.OrNull(request.AuthorName),
            MediaUrl = TrimmedText.OrNull(request.MediaUrl),
            MediaType = TrimmedText.OrNull(request.MediaType),
            ControlEpoch = request.ControlEpoch,
            SenderId = context.User.KeyId(),
        };
        var outcome = await Conversation(grains, id).ReplyAsync(reply, cancellationToken);
        return outcome switch
        {
            { Refusal: { } refusal } => ProblemResults.Conflict("The AI may not answer now.", refusal),
            { Message: { } message } => TypedResults.Accepted(
                $"/conversations/{id}/messages?after={message.Sequence - 1}&limit=1", InboxMapping.ToView(message)),
            _ => NotFound(id),
        };
    }

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> TakeoverAsync(
        string id,
        TakeoverRequest? request,
        HttpContext context,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        request ??= new TakeoverRequest();
        var violations = RequestValidator.Validate(request);
        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var takeover = new Takeover(
            string.IsNullOrWhiteSpace(request.Holder) ? context.User.KeyId() ?? "unknown" : request.Holder.Trim(),
            TimeSpan.FromMinutes(request.DurationMinutes ?? InboxLimits.DefaultTakeoverMinutes));
        var taken = await Conversation(grains, id).TakeoverAsync(takeover, cancellationToken);
        return taken is null ? NotFound(id) : TypedResults.Ok(InboxMapping.ToView(taken));
    }

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> ReleaseAsync(
        string id,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var released = await Conversation(grains, id).ReleaseAsync(cancellationToken);
        return released is null ? NotFound(id) : TypedResults.Ok(InboxMapping.ToView(released));
    }

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> UpdateAsync(
        string id,
        ConversationPatch patch,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var violations = RequestValidator.Validate(patch);
        var status = InboxMapping.ParseOptional<ConversationStatus>(patch.Status, "status", violations);
        var priority = InboxMapping.ParseOptional<ConversationPriority>(patch.Priority, "priority", violations);
        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        var changes = new ConversationChanges
        {
            Status = status,
            Priority = priority,
            Assignee = string.IsNullOrWhiteSpace(patch.Assignee) ? null : patch.Assignee.Trim(),
            ClearAssignee = patch.Assignee is { } assignee && string.IsNullOrWhiteSpace(assignee),
        };
        var updated = await Conversation(grains, id).UpdateAsync(changes, cancellationToken);
        return updated is null ? NotFound(id) : TypedResults.Ok(InboxMapping.ToView(updated));
    }

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> MarkReadAsync(
        string id,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var read = await Conversation(grains, id).MarkReadAsync(cancellationToken);
        return read is null ? NotFound(id) : TypedResults.Ok(InboxMapping.ToView(read));
    }

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> LinkAsync(
        string id,
        LinkRequest request,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var violations = RequestValidator.Validate(request);
        if (violations.Count > 0)
        {
            return ProblemResults.Invalid(violations);
        }

        if (await grains.GetGrain<ICustomerGrain>(request.CustomerId!).GetAsync(cancellationToken) is null)
        {
            return ProblemResults.Invalid("customerId", "exists", "customerId must name an existing customer");
        }

        var linked = await Conversation(grains, id).LinkCustomerAsync(request.CustomerId!, byHand: true, cancellationToken);
        return linked is null ? NotFound(id) : TypedResults.Ok(InboxMapping.ToView(linked));
    }

    private static IConversationGrain Conversation(IGrainFactory grains, string id) =>
        grains.GetGrain<IConversationGrain>(id);

    private static ProblemHttpResult NotFound(string id) => ProblemResults.NotFound("conversation", id);
}

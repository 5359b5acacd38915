using ChronusCrm.Grains.Abstractions.AssistAi;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Inbox;

namespace ChronusCrm.Grains.AssistAi;

/// <summary>
/// Delivers replies in conversations that live in AssistAI, which relays them to the customer's
/// WhatsApp or Instagram. A human's reply is an intervention. Only a refusal that no retry can
/// change (400, 404, 409, 422) fails a reply; anything else, including a wrong token that an
/// administrator may yet fix, leaves it queued for another attempt.
/// </summary>
public sealed class AssistAiChannelAdapter(IGrainFactory grains, AssistAiClient client) : IChannelAdapter
{
    public bool Delivers(Conversation conversation) => conversation.AssistAiConversationId is not null;

    public async Task<DeliveryOutcome> DeliverAsync(Conversation conversation, Message reply, CancellationToken cancellationToken)
    {
        var connection = await grains.GetGrain<IAssistAiGrain>(IAssistAiGrain.Key).GetSecretConnectionAsync(cancellationToken);
        if (connection is null)
        {
            return new DeliveryOutcome(false, "The AssistAI integration is off.", Retry: true);
        }

        try
        {
            var id = await client.SendMessageAsync(connection, conversation.AssistAiConversationId!, Body(reply), cancellationToken);
            return new DeliveryOutcome(true, null, Retry: false, id is null ? null : AssistAiIds.Message(id));
        }
        catch (AssistAiException exception)
        {
            var final = exception.StatusCode is 400 or 404 or 409 or 422;
            return new DeliveryOutcome(false, exception.Message, Retry: !final);
        }
    }

    private static AssistAiOutgoing Body(Message reply)
    {
        var name = reply.AuthorName?.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var human = reply.Author == MessageAuthor.Human;
        var sender = new AssistAiSender(
            reply.SenderId ?? "chronuscrm",
            Email: null,
            Firstname: name.Length > 0 ? name[0] : null,
            Lastname: name.Length > 1 ? name[1] : null,
            Role: human ? "human" : "ai");
        return new AssistAiOutgoing(reply.Content, sender, Intervention: human);
    }
}

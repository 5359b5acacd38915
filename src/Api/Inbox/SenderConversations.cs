using System.Diagnostics.CodeAnalysis;
using ChronusCrm.Grains.Abstractions.Inbox;

namespace ChronusCrm.Api.Inbox;

/// <summary>
/// Which conversation a sender's address, as a platform spelled it, belongs to. Chat platforms
/// send the same senders again and again; normalising a phone number, hashing the conversation id
/// and making the grain reference cost a few percent of a message's CPU, so an answer is kept
/// (bounded, see <see cref="SlotCache{TValue}"/>). An address that does not normalise is not kept.
/// </summary>
public sealed class SenderConversations(IGrainFactory grains, int slots)
{
    private readonly SlotCache<SenderConversation> _known = new(slots);

    public bool TryResolve(Platform platform, string from, [NotNullWhen(true)] out SenderConversation? resolved)
    {
        var key = string.Concat(InboxMapping.Text(platform), "|", from);
        if (_known.TryGet(key, out resolved))
        {
            return true;
        }

        if (!SenderAddress.TryNormalize(platform, from, out var sender))
        {
            return false;
        }

        var conversationId = ConversationIds.For(platform, sender);
        resolved = new SenderConversation(sender, grains.GetGrain<IConversationGrain>(conversationId));
        _known.Set(key, resolved);
        return true;
    }
}

/// <summary>A sender in its one spelling, and the grain of its conversation on that platform.</summary>
public sealed record SenderConversation(string Sender, IConversationGrain Conversation);

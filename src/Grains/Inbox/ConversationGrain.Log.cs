using ChronusCrm.Grains.Abstractions.Inbox;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.Inbox;

public sealed partial class ConversationGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: writing {Count} messages failed; callers were told")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string conversationId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: a write failed; reading the log again and retrying once")]
    private static partial void LogWriteRetried(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} linked to customer {CustomerId} (by hand: {ByHand})")]
    private static partial void LogLinked(ILogger logger, string conversationId, string customerId, bool byHand);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: looking up its customer failed")]
    private static partial void LogLinkLookupFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} taken over by a human (epoch {Epoch})")]
    private static partial void LogTakenOver(ILogger logger, string conversationId, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} handed back to the AI (epoch {Epoch})")]
    private static partial void LogReleased(ILogger logger, string conversationId, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId}: reply {Sequence} is {Status} after {Attempts} attempts")]
    private static partial void LogDelivery(ILogger logger, string conversationId, long sequence, DeliveryStatus status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: the channel adapter threw")]
    private static partial void LogDeliveryCrashed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId}: reply {Sequence} recognised when read back from the platform")]
    private static partial void LogEchoRecognised(ILogger logger, string conversationId, long sequence);
}

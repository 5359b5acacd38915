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
}

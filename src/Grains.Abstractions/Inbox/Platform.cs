namespace ChronusCrm.Grains.Abstractions.Inbox;

/// <summary>The chat platforms whose messages reach the unified inbox.</summary>
public enum Platform
{
    Whatsapp,
    Instagram,
    Sms,
}

public enum ConversationStatus
{
    Open,
    Pending,
    Resolved,
    Snoozed,
}

public enum ConversationPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

public enum MessageDirection
{
    Incoming,
    Outgoing,
}

/// <summary>Who wrote a message.</summary>
public enum MessageAuthor
{
    Customer,
    Human,
    AiAgent,
}

public enum DeliveryStatus
{
    Queued,
    Sent,
    Failed,
}

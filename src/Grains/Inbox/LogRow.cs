namespace ChronusCrm.Grains.Inbox;

/// <summary>One row of the inbox log as it is written.</summary>
public sealed record LogRow(
    string ConversationId,
    string Kind,
    long? Sequence,
    string? MessageId,
    string? ExternalId,
    long? IncomingCount,
    string Document)
{
    public const string MessageKind = "message";
    public const string ConversationKind = "conversation";

    /// <summary>A reply's delivery outcome changed: the row carries the message as it now stands.</summary>
    public const string DeliveryKind = "delivery";
}

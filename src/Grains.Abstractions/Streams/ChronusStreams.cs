namespace ChronusCrm.Grains.Abstractions.Streams;

/// <summary>Names of the Orleans streams that carry grain events to their consumers.</summary>
public static class ChronusStreams
{
    public const string Provider = "chronus";
    public const string Leads = "leads";
    public const string Customers = "customers";
    public const string Conversations = "conversations";

    /// <summary>
    /// Events of one kind are spread over a fixed set of streams, so that projections run in
    /// parallel while the events of one entity stay on one stream, in order.
    /// </summary>
    public const int Partitions = 8;

    /// <summary>The key, within its namespace, of the stream that carries an entity's events.</summary>
    public static string PartitionKey(string entityId) => $"p{PartitionOf(entityId)}";

    private static uint PartitionOf(string entityId)
    {
        // A stable hash: string.GetHashCode differs between processes.
        var hash = 17u;
        foreach (var c in entityId)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash % Partitions;
    }
}

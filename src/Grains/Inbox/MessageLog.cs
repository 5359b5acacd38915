using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.ReadModel;
using ChronusCrm.Grains.Storage;

namespace ChronusCrm.Grains.Inbox;

/// <summary>Reads of the inbox log, for conversation grains and for the API.</summary>
public sealed class MessageLog(ChronusDatabase database) : IMessageHistory
{
    /// <summary>
    /// Every message is written once and kept for good, so its empty fields are left out: a third
    /// less to write, log and keep. Reading fills them in as null.
    /// </summary>
    private static readonly JsonSerializerOptions LogJson = new(DocumentJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>What a conversation grain needs to carry on after (re)activation.</summary>
    public sealed record Tail(
        long LastSequence,
        long IncomingCount,
        Message? First,
        LastMessage? Last,
        IReadOnlyList<(string ExternalId, AppendResult Result)> RecentExternalIds,
        bool HasAllExternalIds);

    /// <summary>
    /// What a conversation shows of its latest message. Kept instead of the message itself: the
    /// grain holds it until the next message arrives, often long enough for the collector to move
    /// it to an older generation, and a whole message (its ids, content, media) was most of what
    /// each message left behind there.
    /// </summary>
    public sealed record LastMessage(DateTimeOffset ReceivedAt, string Preview)
    {
        public const int PreviewLength = 140;

        public static LastMessage Of(Message message) => new(message.ReceivedAt, Shorten(message.Content));

        /// <summary>
        /// The content's first characters. A cut inside a surrogate pair (an emoji, say) would leave
        /// half a character, which is not text: PostgreSQL and JSON writers refuse it.
        /// </summary>
        public static string Shorten(string content)
        {
            if (content.Length <= PreviewLength)
            {
                return content;
            }

            var splitsPair = char.IsHighSurrogate(content[PreviewLength - 1]);
            var length = splitsPair ? PreviewLength - 1 : PreviewLength;
            return string.Concat(content.AsSpan(0, length), "…");
        }
    }

    public async Task<Tail> ReadTailAsync(string conversationId, int recent, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT sequence, incoming_count, external_id, message_id, document FROM inbox_log
            WHERE conversation_id = @conversation AND sequence IS NOT NULL
            ORDER BY sequence DESC LIMIT @recent
            """);
        command.With("@conversation", conversationId).With("@recent", recent);

        var rows = new List<(long Sequence, long Incoming, string? External, string MessageId, string Document)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        if (rows.Count == 0)
        {
            return new Tail(0, 0, null, null, [], HasAllExternalIds: true);
        }

        var externals = rows
            .Where(r => r.External is not null)
            .Select(r => (r.External!, new AppendResult(r.MessageId, conversationId, r.Sequence, Duplicate: true)))
            .ToList();
        var first = rows[^1].Sequence == 1 ? Parse(rows[^1].Document) : await ReadFirstAsync(conversationId, cancellationToken);
        var last = LastMessage.Of(Parse(rows[0].Document));
        return new Tail(rows[0].Sequence, rows[0].Incoming, first, last, externals, rows.Count < recent);
    }

    /// <summary>Which of these external ids the conversation has logged, and where.</summary>
    public async Task<Dictionary<string, AppendResult>> FindExternalIdsAsync(
        string conversationId,
        IReadOnlyCollection<string> externalIds,
        CancellationToken cancellationToken)
    {
        var postgres = database.Mode == StorageMode.Postgres;
        await using var command = database.DataSource.CreateCommand($"""
            SELECT external_id, message_id, sequence FROM inbox_log
            WHERE conversation_id = @conversation AND external_id {(postgres
                ? "= ANY(@ids)"
                : "IN (SELECT value FROM json_each(@ids))")}
            """);
        command.With("@conversation", conversationId)
            .With("@ids", postgres ? externalIds.ToArray() : JsonSerializer.Serialize(externalIds));

        var found = new Dictionary<string, AppendResult>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = new AppendResult(reader.GetString(1), conversationId, reader.GetInt64(2), true);
        }

        return found;
    }

    public async Task<IReadOnlyList<Message>> ReadAsync(
        string conversationId,
        long? afterSequence,
        long? beforeSequence,
        int limit,
        CancellationToken cancellationToken)
    {
        // Before a point the newest come first (then reversed), so a page ends right at the point.
        var newestFirst = beforeSequence is not null && afterSequence is null;
        await using var command = database.DataSource.CreateCommand($"""
            SELECT document FROM inbox_log
            WHERE conversation_id = @conversation AND sequence IS NOT NULL
                AND sequence > @after AND sequence < @before
            ORDER BY sequence {(newestFirst ? "DESC" : "ASC")} LIMIT @limit
            """);
        command.With("@conversation", conversationId)
            .With("@after", afterSequence ?? 0)
            .With("@before", beforeSequence ?? long.MaxValue)
            .With("@limit", limit);

        var messages = await ReadDocumentsAsync(command, cancellationToken);
        if (newestFirst)
        {
            messages.Reverse();
        }

        return messages.Select(Parse).ToList();
    }

    public async Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(
        long afterId,
        string? conversationId,
        int limit,
        CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"""
            SELECT id, kind, conversation_id, document FROM inbox_log
            WHERE id > @after {(conversationId is null ? "" : "AND conversation_id = @conversation")}
            ORDER BY id LIMIT @limit
            """);
        command.With("@after", afterId).With("@limit", limit);
        if (conversationId is not null)
        {
            command.With("@conversation", conversationId);
        }

        var entries = new List<FeedEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new FeedEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return entries;
    }

    public async Task<long> LatestFeedIdAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT coalesce(max(id), 0) FROM inbox_log");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Records an outgoing message's delivery outcome and, once the platform names it, its id there;
    /// the message's content and place never change.
    /// </summary>
    public async Task UpdateMessageAsync(Message message, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            UPDATE inbox_log SET document = @document, external_id = coalesce(@external, external_id)
            WHERE conversation_id = @conversation AND sequence = @sequence
            """);
        command.With("@document", Serialize(message))
            .With("@external", message.ExternalId)
            .With("@conversation", message.ConversationId)
            .With("@sequence", message.Sequence);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One message by its id; a scan of the conversation, for recovery only.</summary>
    public async Task<Message?> FindMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT document FROM inbox_log
            WHERE conversation_id = @conversation AND message_id = @message AND sequence IS NOT NULL
            """);
        command.With("@conversation", conversationId).With("@message", messageId);
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? Parse(document) : null;
    }

    public static string Serialize(Message message) => JsonSerializer.Serialize(message, LogJson);

    public static Message Parse(string document) =>
        JsonSerializer.Deserialize<Message>(document, DocumentJson.Options)!;

    private async Task<Message?> ReadFirstAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT document FROM inbox_log WHERE conversation_id = @conversation AND sequence = 1");
        command.With("@conversation", conversationId);
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? Parse(document) : null;
    }

    private static async Task<List<string>> ReadDocumentsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var documents = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(reader.GetString(0));
        }

        return documents;
    }
}

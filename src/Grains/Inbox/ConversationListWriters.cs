using System.Text.Json;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.ReadModel;
using ChronusCrm.Grains.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace ChronusCrm.Grains.Inbox;

/// <summary>Writes conversations' latest states into the inbox listing.</summary>
internal interface IConversationListWriter
{
    Task UpsertAsync(IReadOnlyCollection<Conversation> conversations, CancellationToken cancellationToken);
}

/// <summary>
/// The columns of the listing, and the rule for a row that exists: message fields (newest sequence,
/// activity, preview, counts) move only to a higher sequence, conversation fields (status,
/// assignee, priority, customer, read mark) only to a higher version, so events may repeat or cross.
/// </summary>
internal static class ConversationListRows
{
    public const string Columns = """
        id, platform, status, assignee, priority, customer_id, meta_version,
        last_sequence, last_activity_ticks, incoming_count, read_incoming_count, preview, document, agent_code
        """;

    public static readonly string OnConflict = $"""
        ON CONFLICT (id) DO UPDATE SET
            {NewerMessages("last_sequence")}, {NewerMessages("last_activity_ticks")},
            {NewerMessages("incoming_count")}, {NewerMessages("preview")},
            {NewerChange("status")}, {NewerChange("assignee")}, {NewerChange("priority")},
            {NewerChange("customer_id")}, {NewerChange("read_incoming_count")}, {NewerChange("document")},
            {NewerChange("meta_version")}, {NewerChange("agent_code")}
        WHERE excluded.last_sequence > conversation_list.last_sequence
            OR excluded.meta_version > conversation_list.meta_version
        """;

    /// <summary>
    /// In one order for every writer, so that two writers upserting the same conversations (a
    /// projection and the repair pass) lock their rows in the same order and never deadlock.
    /// </summary>
    public static List<Conversation> InLockOrder(IEnumerable<Conversation> conversations) =>
        [.. conversations.OrderBy(c => c.Id, StringComparer.Ordinal)];

    public static string Document(Conversation conversation) =>
        JsonSerializer.Serialize(conversation, DocumentJson.Options);

    private static string NewerMessages(string column) =>
        $"{column} = CASE WHEN excluded.last_sequence > conversation_list.last_sequence "
        + $"THEN excluded.{column} ELSE conversation_list.{column} END";

    private static string NewerChange(string column) =>
        $"{column} = CASE WHEN excluded.meta_version > conversation_list.meta_version "
        + $"THEN excluded.{column} ELSE conversation_list.{column} END";
}

/// <summary>
/// One statement for the whole batch: the columns go as arrays and are unnested, so PostgreSQL
/// parses and plans once however many conversations changed, and the client binds 14 parameters
/// instead of 14 per conversation.
/// </summary>
internal sealed class PostgresConversationListWriter(ChronusDatabase database) : IConversationListWriter
{
    private static readonly string Upsert = $"""
        INSERT INTO conversation_list ({ConversationListRows.Columns})
        SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        {ConversationListRows.OnConflict}
        """;

    public async Task UpsertAsync(IReadOnlyCollection<Conversation> conversations, CancellationToken cancellationToken)
    {
        var rows = ConversationListRows.InLockOrder(conversations);
        await using var command = (NpgsqlCommand)database.DataSource.CreateCommand(Upsert);
        Add(command, rows, c => c.Id);
        Add(command, rows, c => c.Platform.ToString());
        Add(command, rows, c => c.Status.ToString());
        Add(command, rows, c => c.Assignee);
        Add(command, rows, c => c.Priority.ToString());
        Add(command, rows, c => c.CustomerId);
        Add(command, rows, c => c.Version);
        Add(command, rows, c => c.LastSequence);
        Add(command, rows, c => c.LastActivityAt.UtcTicks);
        Add(command, rows, c => c.IncomingCount);
        Add(command, rows, c => c.ReadIncomingCount);
        Add(command, rows, c => c.Preview);
        Add(command, rows, ConversationListRows.Document);
        Add(command, rows, c => c.AgentCode);

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(NpgsqlCommand command, List<Conversation> rows, Func<Conversation, string?> column) =>
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            Value = rows.Select(column).ToArray(),
        });

    private static void Add(NpgsqlCommand command, List<Conversation> rows, Func<Conversation, long> column) =>
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint,
            Value = rows.Select(column).ToArray(),
        });
}

/// <summary>
/// SQLite: one prepared statement run for each conversation, in short transactions. SQLite has
/// one writer at a time, so the inbox log's commits wait while a chunk is written; short chunks
/// keep that wait short when thousands of conversations changed at once.
/// </summary>
internal sealed class SqliteConversationListWriter(ChronusDatabase database) : IConversationListWriter
{
    private const int RowsPerTransaction = 200;

    private static readonly string Upsert = $"""
        INSERT INTO conversation_list ({ConversationListRows.Columns})
        VALUES (@id, @platform, @status, @assignee, @priority, @customer, @meta_version,
            @last_sequence, @activity, @incoming, @read, @preview, @document, @agent)
        {ConversationListRows.OnConflict}
        """;

    public async Task UpsertAsync(IReadOnlyCollection<Conversation> conversations, CancellationToken cancellationToken)
    {
        foreach (var chunk in ConversationListRows.InLockOrder(conversations).Chunk(RowsPerTransaction))
        {
            using var turn = await database.EnterWriteAsync(cancellationToken);
            await WriteAsync(chunk, cancellationToken);
        }
    }

    private async Task WriteAsync(Conversation[] chunk, CancellationToken cancellationToken)
    {
        await using var connection = (SqliteConnection)await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert;
        foreach (var conversation in chunk)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("@id", conversation.Id);
            command.Parameters.AddWithValue("@platform", conversation.Platform.ToString());
            command.Parameters.AddWithValue("@status", conversation.Status.ToString());
            command.Parameters.AddWithValue("@assignee", (object?)conversation.Assignee ?? DBNull.Value);
            command.Parameters.AddWithValue("@priority", conversation.Priority.ToString());
            command.Parameters.AddWithValue("@customer", (object?)conversation.CustomerId ?? DBNull.Value);
            command.Parameters.AddWithValue("@meta_version", conversation.Version);
            command.Parameters.AddWithValue("@last_sequence", conversation.LastSequence);
            command.Parameters.AddWithValue("@activity", conversation.LastActivityAt.UtcTicks);
            command.Parameters.AddWithValue("@incoming", conversation.IncomingCount);
            command.Parameters.AddWithValue("@read", conversation.ReadIncomingCount);
            command.Parameters.AddWithValue("@preview", (object?)conversation.Preview ?? DBNull.Value);
            command.Parameters.AddWithValue("@document", ConversationListRows.Document(conversation));
            command.Parameters.AddWithValue("@agent", (object?)conversation.AgentCode ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

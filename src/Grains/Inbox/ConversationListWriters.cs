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
    /// <summary>The listing's columns in order, each with how a conversation fills it.</summary>
    public static readonly IReadOnlyList<ListColumn> All =
    [
        ListColumn.Text("id", c => c.Id),
        ListColumn.Text("platform", c => c.Platform.ToString()),
        ListColumn.Text("status", c => c.Status.ToString()),
        ListColumn.Text("assignee", c => c.Assignee),
        ListColumn.Text("priority", c => c.Priority.ToString()),
        ListColumn.Text("customer_id", c => c.CustomerId),
        ListColumn.Number("meta_version", c => c.Version),
        ListColumn.Number("last_sequence", c => c.LastSequence),
        ListColumn.Number("last_activity_ticks", c => c.LastActivityAt.UtcTicks),
        ListColumn.Number("incoming_count", c => c.IncomingCount),
        ListColumn.Number("read_incoming_count", c => c.ReadIncomingCount),
        ListColumn.Text("preview", c => c.Preview),
        ListColumn.Text("document", c => JsonSerializer.Serialize(c, DocumentJson.Options)),
        ListColumn.Text("agent_code", c => c.AgentCode),
    ];

    public static readonly string Columns = string.Join(", ", All.Select(c => c.Name));

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

    private static string NewerMessages(string column) =>
        $"{column} = CASE WHEN excluded.last_sequence > conversation_list.last_sequence "
        + $"THEN excluded.{column} ELSE conversation_list.{column} END";

    private static string NewerChange(string column) =>
        $"{column} = CASE WHEN excluded.meta_version > conversation_list.meta_version "
        + $"THEN excluded.{column} ELSE conversation_list.{column} END";
}

/// <summary>One column of the listing: a text or a 64-bit number taken from a conversation.</summary>
internal sealed class ListColumn
{
    private ListColumn(string name, Func<Conversation, string?>? text, Func<Conversation, long>? number)
    {
        Name = name;
        TextOf = text;
        NumberOf = number;
    }

    public string Name { get; }

    public Func<Conversation, string?>? TextOf { get; }

    public Func<Conversation, long>? NumberOf { get; }

    public static ListColumn Text(string name, Func<Conversation, string?> value) => new(name, value, null);

    public static ListColumn Number(string name, Func<Conversation, long> value) => new(name, null, value);

    public object ValueOf(Conversation conversation) =>
        NumberOf is { } number ? number(conversation) : (object?)TextOf!(conversation) ?? DBNull.Value;
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
        SELECT * FROM unnest({string.Join(", ", ConversationListRows.All.Select((_, i) => $"${i + 1}"))})
        {ConversationListRows.OnConflict}
        """;

    public async Task UpsertAsync(IReadOnlyCollection<Conversation> conversations, CancellationToken cancellationToken)
    {
        var rows = ConversationListRows.InLockOrder(conversations);
        await using var command = (NpgsqlCommand)database.DataSource.CreateCommand(Upsert);
        foreach (var column in ConversationListRows.All)
        {
            command.Parameters.Add(column.NumberOf is { } number
                ? PostgresArrays.Of(rows.Select(number), NpgsqlDbType.Bigint)
                : PostgresArrays.Of(rows.Select(column.TextOf!), NpgsqlDbType.Text));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
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
        VALUES ({string.Join(", ", ConversationListRows.All.Select(c => "@" + c.Name))})
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
        var parameters = ConversationListRows.All
            .Select(column => (Column: column, Parameter: command.Parameters.Add(
                "@" + column.Name, column.NumberOf is null ? SqliteType.Text : SqliteType.Integer)))
            .ToList();

        foreach (var conversation in chunk)
        {
            foreach (var (column, parameter) in parameters)
            {
                parameter.Value = column.ValueOf(conversation);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

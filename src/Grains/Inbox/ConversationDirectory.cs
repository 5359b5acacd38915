using System.Globalization;
using System.Text;
using System.Text.Json;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.ReadModel;
using ChronusCrm.Grains.Storage;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// The inbox listing. Message fields (newest sequence, activity, preview, counts) and conversation
/// fields (status, assignee, priority, customer, read mark) are written by separate statements,
/// each only when it carries a newer version than the row, so events may repeat or cross.
/// </summary>
public sealed class ConversationDirectory(ChronusDatabase database) : IConversationDirectory
{
    private const string InsertColumns = """
        INSERT INTO conversation_list (id, platform, status, assignee, priority, customer_id, meta_version,
            last_sequence, last_activity_ticks, incoming_count, read_incoming_count, preview, document, agent_code)
        VALUES (@id, @platform, @status, @assignee, @priority, @customer, @meta_version,
            @last_sequence, @activity, @incoming, @read, @preview, @document, @agent)
        """;

    private static readonly string Upsert = InsertColumns + $"""

        ON CONFLICT (id) DO UPDATE SET
            {NewerMessages("last_sequence")}, {NewerMessages("last_activity_ticks")},
            {NewerMessages("incoming_count")}, {NewerMessages("preview")},
            {NewerChange("status")}, {NewerChange("assignee")}, {NewerChange("priority")},
            {NewerChange("customer_id")}, {NewerChange("read_incoming_count")}, {NewerChange("document")},
            {NewerChange("meta_version")}, {NewerChange("agent_code")}
        WHERE excluded.last_sequence > conversation_list.last_sequence
            OR excluded.meta_version > conversation_list.meta_version
        """;

    /// <summary>Writes the conversations' latest states in one transaction.</summary>
    public async Task ProjectAsync(IReadOnlyCollection<Conversation> conversations, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (connection.CanCreateBatch)
        {
            // PostgreSQL: every upsert in one round trip.
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var conversation in conversations)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = Upsert;
                Bind(command.Parameters, () => command.CreateParameter(), conversation);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            // SQLite: one statement compiled once, run for each conversation.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Upsert;
            foreach (var conversation in conversations)
            {
                command.Parameters.Clear();
                Bind(command.Parameters, command.CreateParameter, conversation);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<ConversationStatus, int>> CountForAgentAsync(
        string agentCode,
        CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT status, count(*) FROM conversation_list WHERE agent_code = @agent GROUP BY status");
        command.With("@agent", agentCode);

        var counts = Enum.GetValues<ConversationStatus>().ToDictionary(s => s, _ => 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[Enum.Parse<ConversationStatus>(reader.GetString(0))] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    public async Task<Page<Conversation>> ListAsync(ConversationQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand();
        var where = new List<string>();
        void Filter(string column, object? value)
        {
            if (value is not null)
            {
                where.Add($"{column} = @{column}");
                command.With($"@{column}", value);
            }
        }

        Filter("status", query.Status?.ToString());
        Filter("platform", query.Platform?.ToString());
        Filter("assignee", query.Assignee);
        Filter("customer_id", query.CustomerId);
        if (query.After is { } after)
        {
            where.Add("(last_activity_ticks, id) < (@after_ticks, @after_id)");
            command.With("@after_ticks", after.CreatedAtTicks).With("@after_id", after.Id);
        }

        var sql = new StringBuilder("""
            SELECT id, last_activity_ticks, last_sequence, incoming_count, read_incoming_count, preview, document
            FROM conversation_list
            """);
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        command.CommandText = sql.Append(" ORDER BY last_activity_ticks DESC, id DESC LIMIT @limit").ToString();
        command.With("@limit", query.Limit + 1);

        var items = new List<Conversation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stored = JsonSerializer.Deserialize<Conversation>(reader.GetString(6), DocumentJson.Options)!;
            var incoming = reader.GetInt64(3);
            var read = reader.GetInt64(4);
            items.Add(stored with
            {
                LastActivityAt = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                LastSequence = reader.GetInt64(2),
                IncomingCount = incoming,
                ReadIncomingCount = read,
                UnreadCount = Math.Max(0, incoming - read),
                Preview = reader.IsDBNull(5) ? null : reader.GetString(5),
            });
        }

        if (items.Count <= query.Limit)
        {
            return new Page<Conversation>(items, null);
        }

        items.RemoveAt(query.Limit);
        var last = items[^1];
        return new Page<Conversation>(items, new ListCursor(last.LastActivityAt.UtcTicks, last.Id).Encode());
    }

    /// <summary>The message half of a row moves only forward in sequence.</summary>
    private static string NewerMessages(string column) =>
        $"{column} = CASE WHEN excluded.last_sequence > conversation_list.last_sequence "
        + $"THEN excluded.{column} ELSE conversation_list.{column} END";

    /// <summary>The conversation half of a row moves only forward in version.</summary>
    private static string NewerChange(string column) =>
        $"{column} = CASE WHEN excluded.meta_version > conversation_list.meta_version "
        + $"THEN excluded.{column} ELSE conversation_list.{column} END";

    private static void Bind(
        System.Data.Common.DbParameterCollection parameters,
        Func<System.Data.Common.DbParameter> create,
        Conversation conversation)
    {
        void Add(string name, object? value)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }

        Add("@id", conversation.Id);
        Add("@platform", conversation.Platform.ToString());
        Add("@status", conversation.Status.ToString());
        Add("@assignee", conversation.Assignee);
        Add("@priority", conversation.Priority.ToString());
        Add("@customer", conversation.CustomerId);
        Add("@meta_version", conversation.Version);
        Add("@last_sequence", conversation.LastSequence);
        Add("@activity", conversation.LastActivityAt.UtcTicks);
        Add("@incoming", conversation.IncomingCount);
        Add("@read", conversation.ReadIncomingCount);
        Add("@preview", conversation.Preview);
        Add("@document", JsonSerializer.Serialize(conversation, DocumentJson.Options));
        Add("@agent", conversation.AgentCode);
    }
}

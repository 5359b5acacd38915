using System.Globalization;
using System.Text;
using System.Text.Json;
using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.ReadModel;
using ChronusCrm.Grains.Storage;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// The inbox listing: conversations' latest states, written from the conversation streams (see
/// <see cref="ConversationListRows"/> for how a newer state wins), read with keyset paging.
/// </summary>
public sealed class ConversationDirectory(ChronusDatabase database) : IConversationDirectory
{
    private readonly IConversationListWriter _writer = database.Mode == StorageMode.Postgres
        ? new PostgresConversationListWriter(database)
        : new SqliteConversationListWriter(database);

    /// <summary>Writes the conversations' latest states; a failed write may be repeated whole.</summary>
    public Task ProjectAsync(IReadOnlyCollection<Conversation> conversations, CancellationToken cancellationToken) =>
        _writer.UpsertAsync(conversations, cancellationToken);

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
}

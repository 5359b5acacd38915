using System.Data;
using ChronusCrm.Grains.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace ChronusCrm.Grains.Inbox;

internal interface IInboxLogInserter
{
    /// <summary>Writes the rows in one transaction: all of them or none.</summary>
    Task InsertAsync(IReadOnlyList<LogRow> rows);
}

/// <summary>
/// One round trip for the whole batch: an advisory lock, then one insert of the arrays unnested.
/// Without an explicit transaction PostgreSQL runs a batch as one implicit transaction, so it
/// commits whole or not at all. The lock makes commits across silos happen in the order of their
/// ids: a reader of the feed that has seen id N has seen every id below it.
/// </summary>
internal sealed class PostgresLogInserter(ChronusDatabase database) : IInboxLogInserter
{
    private const long FeedOrderLock = 0x49_4E_42_4F_58;

    // Positional parameters spare Npgsql from rewriting the statement on every commit.
    private const string Insert = """
        INSERT INTO inbox_log (conversation_id, kind, sequence, message_id, external_id, incoming_count, document)
        SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7)
        """;

    public async Task InsertAsync(IReadOnlyList<LogRow> rows)
    {
        await using var connection = (NpgsqlConnection)await database.DataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);

        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({FeedOrderLock})"));
        var insert = new NpgsqlBatchCommand(Insert);
        insert.Parameters.Add(PostgresArrays.Of(rows.Select(r => r.ConversationId), NpgsqlDbType.Text));
        insert.Parameters.Add(PostgresArrays.Of(rows.Select(r => r.Kind), NpgsqlDbType.Text));
        insert.Parameters.Add(PostgresArrays.Of(rows.Select(r => r.Sequence), NpgsqlDbType.Bigint));
        insert.Parameters.Add(PostgresArrays.Of(rows.Select(r => r.MessageId), NpgsqlDbType.Text));
        insert.Parameters.Add(PostgresArrays.Of(rows.Select(r => r.ExternalId), NpgsqlDbType.Text));
        insert.Parameters.Add(PostgresArrays.Of(rows.Select(r => r.IncomingCount), NpgsqlDbType.Bigint));
        insert.Parameters.Add(PostgresArrays.Of(rows.Select(r => r.Document), NpgsqlDbType.Text));
        batch.BatchCommands.Add(insert);

        await batch.ExecuteNonQueryAsync();
    }
}

/// <summary>SQLite runs one writer at a time; a prepared insert per row inside one transaction.</summary>
internal sealed class SqliteLogInserter(ChronusDatabase database) : IInboxLogInserter
{
    public async Task InsertAsync(IReadOnlyList<LogRow> rows)
    {
        await using var connection = (SqliteConnection)await database.DataSource.OpenConnectionAsync();
        await using (var pragma = connection.CreateCommand())
        {
            // In WAL mode NORMAL commits survive the process being killed; FULL adds an fsync per
            // commit, which only a power cut needs (Chronus:EmbeddedSync=Full asks for it).
            pragma.CommandText = $"PRAGMA synchronous = {database.EmbeddedSync}";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO inbox_log (conversation_id, kind, sequence, message_id, external_id, incoming_count, document)
            VALUES (@conversation, @kind, @sequence, @message, @external, @incoming, @document)
            """;
        var conversation = command.Parameters.Add("@conversation", SqliteType.Text);
        var kind = command.Parameters.Add("@kind", SqliteType.Text);
        var sequence = command.Parameters.Add("@sequence", SqliteType.Integer);
        var message = command.Parameters.Add("@message", SqliteType.Text);
        var external = command.Parameters.Add("@external", SqliteType.Text);
        var incoming = command.Parameters.Add("@incoming", SqliteType.Integer);
        var document = command.Parameters.Add("@document", SqliteType.Text);
        command.Prepare();

        foreach (var row in rows)
        {
            conversation.Value = row.ConversationId;
            kind.Value = row.Kind;
            sequence.Value = (object?)row.Sequence ?? DBNull.Value;
            message.Value = (object?)row.MessageId ?? DBNull.Value;
            external.Value = (object?)row.ExternalId ?? DBNull.Value;
            incoming.Value = (object?)row.IncomingCount ?? DBNull.Value;
            document.Value = row.Document;
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}

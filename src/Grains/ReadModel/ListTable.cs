using System.Text;
using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.Storage;

namespace ChronusCrm.Grains.ReadModel;

/// <summary>
/// A listing table: newest first by (created_at_ticks, id), exact-match filter columns and a
/// lower-cased search column. The SQL is plain enough to run unchanged on SQLite and PostgreSQL.
/// </summary>
internal sealed class ListTable
{
    private readonly ChronusDatabase _database;
    private readonly string _table;
    private readonly string[] _filterColumns;
    private readonly string _upsertSql;

    public ListTable(ChronusDatabase database, string table, params string[] filterColumns)
    {
        _database = database;
        _table = table;
        _filterColumns = filterColumns;
        _upsertSql = BuildUpsert();
    }

    /// <summary>Stores the row unless the table already has the same or a newer version of it.</summary>
    public async Task UpsertAsync(ListRow row, CancellationToken cancellationToken)
    {
        await using var command = _database.DataSource.CreateCommand(_upsertSql);
        command.With("@id", row.Id)
            .With("@version", row.Version)
            .With("@created", row.CreatedAtTicks)
            .With("@search", row.SearchText)
            .With("@document", row.Document);
        for (var i = 0; i < _filterColumns.Length; i++)
        {
            command.With($"@f{i}", row.Filters[i]);
        }

        using (await _database.EnterWriteAsync(cancellationToken))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Reads one page of documents; the filters are matched to the constructor's columns.</summary>
    public async Task<(List<string> Documents, ListCursor? Next)> PageAsync(
        int limit,
        ListCursor? after,
        IReadOnlyList<string?> filters,
        string? search,
        CancellationToken cancellationToken)
    {
        await using var command = _database.DataSource.CreateCommand();
        var where = new List<string>();
        for (var i = 0; i < _filterColumns.Length; i++)
        {
            if (filters[i] is { } value)
            {
                where.Add($"{_filterColumns[i]} = @f{i}");
                command.With($"@f{i}", value);
            }
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            where.Add(@"search_text LIKE @search ESCAPE '\'");
            command.With("@search", $"%{EscapeLike(search.Trim().ToLowerInvariant())}%");
        }

        if (after is not null)
        {
            where.Add("(created_at_ticks, id) < (@after_ticks, @after_id)");
            command.With("@after_ticks", after.CreatedAtTicks).With("@after_id", after.Id);
        }

        command.CommandText = BuildSelect(where);
        command.With("@limit", limit + 1);

        var documents = new List<string>(limit + 1);
        var keys = new List<(long Ticks, string Id)>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add((reader.GetInt64(0), reader.GetString(1)));
                documents.Add(reader.GetString(2));
            }
        }

        if (documents.Count <= limit)
        {
            return (documents, null);
        }

        documents.RemoveAt(limit);
        var last = keys[limit - 1];
        return (documents, new ListCursor(last.Ticks, last.Id));
    }

    private string BuildSelect(List<string> where)
    {
        var sql = new StringBuilder($"SELECT created_at_ticks, id, document FROM {_table}");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        return sql.Append(" ORDER BY created_at_ticks DESC, id DESC LIMIT @limit").ToString();
    }

    private string BuildUpsert()
    {
        var filterNames = string.Concat(_filterColumns.Select(c => $", {c}"));
        var filterValues = string.Concat(_filterColumns.Select((_, i) => $", @f{i}"));
        var filterUpdates = string.Concat(_filterColumns.Select(c => $", {c} = excluded.{c}"));
        return $"""
            INSERT INTO {_table} (id, version, created_at_ticks{filterNames}, search_text, document)
            VALUES (@id, @version, @created{filterValues}, @search, @document)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version{filterUpdates},
                search_text = excluded.search_text, document = excluded.document
            WHERE {_table}.version < excluded.version
            """;
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChronusCrm.Bench.Baseline;

/// <summary>One table, one INSERT per message, each its own transaction: what most services do.</summary>
public sealed class NaiveStore(DbDataSource dataSource)
{
    public static async Task<NaiveStore> OpenAsync(IConfiguration configuration)
    {
        DbDataSource dataSource = configuration.GetConnectionString("Postgres") is { Length: > 0 } postgres
            ? NpgsqlDataSource.Create(postgres)
            : SqliteFactory.Instance.CreateDataSource(
                $"Data Source={Path.Combine(Path.GetTempPath(), $"naive-{Environment.ProcessId}.db")}");

        await using var create = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS naive_message (
                id varchar(64) PRIMARY KEY,
                sender varchar(100) NOT NULL,
                platform varchar(16) NOT NULL,
                external_id varchar(200) NULL,
                content text NOT NULL)
            """);
        await create.ExecuteNonQueryAsync();
        if (dataSource is not NpgsqlDataSource)
        {
            await using var wal = dataSource.CreateCommand("PRAGMA journal_mode=WAL");
            await wal.ExecuteNonQueryAsync();
        }

        return new NaiveStore(dataSource);
    }

    public async Task InsertAsync(string id, MessageIn message, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO naive_message (id, sender, platform, external_id, content) VALUES (@id, @sender, @platform, @external, @content)");
        Add(insert, "@id", id);
        Add(insert, "@sender", message.From);
        Add(insert, "@platform", message.Platform);
        Add(insert, "@external", message.ExternalId);
        Add(insert, "@content", message.Content);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}

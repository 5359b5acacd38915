using ChronusCrm.Grains.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChronusCrm.Silo.Hosting;

/// <summary>Chooses the storage mode from configuration and opens its database.</summary>
public static class StorageSetup
{
    public const string PostgresConnectionName = "Postgres";
    public const string DataDirectoryKey = "Chronus:DataDirectory";
    public const string DatabaseFileName = "chronus.db";

    /// <summary>Normal (survives the process being killed) or Full (also survives a power cut).</summary>
    public const string EmbeddedSyncKey = "Chronus:EmbeddedSync";

    public sealed record OpenedStorage(ChronusDatabase Database, string Location);

    public static OpenedStorage Open(IConfiguration configuration)
    {
        if (configuration.GetConnectionString(PostgresConnectionName) is { Length: > 0 } postgres)
        {
            // Statements that run again and again (the hot path's) are prepared once per connection.
            // A returned connection is not reset: the reset is six statements that PostgreSQL ran
            // before every group commit, and nothing of ours leaves session state behind (locks are
            // transaction-scoped; an open transaction is still rolled back on return).
            var parsed = new NpgsqlConnectionStringBuilder(postgres)
            {
                MaxAutoPrepare = 64,
                AutoPrepareMinUsages = 2,
                NoResetOnClose = true,
            };
            var dataSource = NpgsqlDataSource.Create(parsed.ConnectionString);
            var location = $"PostgreSQL database '{parsed.Database}' on {parsed.Host}:{parsed.Port}";
            return new(new ChronusDatabase(StorageMode.Postgres, dataSource, postgres), location);
        }

        var directory = Path.GetFullPath(configuration[DataDirectoryKey] ?? "./data");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, DatabaseFileName);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        var sqlite = SqliteFactory.Instance.CreateDataSource(connectionString);
        var sync = configuration[EmbeddedSyncKey] is { } wanted && wanted.Equals("Full", StringComparison.OrdinalIgnoreCase)
            ? "FULL"
            : "NORMAL";
        var database = new ChronusDatabase(StorageMode.Embedded, sqlite, connectionString) { EmbeddedSync = sync };
        return new(database, $"SQLite file {file} (synchronous={sync})");
    }
}

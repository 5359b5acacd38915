using System.Data.Common;

namespace ChronusCrm.Grains.Storage;

/// <summary>The database that holds grain state and read models, in either storage mode.</summary>
public sealed class ChronusDatabase(StorageMode mode, DbDataSource dataSource, string connectionString)
{
    public StorageMode Mode { get; } = mode;

    public DbDataSource DataSource { get; } = dataSource;

    /// <summary>For the Orleans ADO.NET providers, which open their own connections.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>The ADO.NET invariant name the Orleans providers know this database by.</summary>
    public string Invariant => Mode == StorageMode.Postgres ? "Npgsql" : "System.Data.SQLite";
}

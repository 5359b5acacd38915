using System.Data.Common;

namespace ChronusCrm.Grains.Storage;

/// <summary>The database that holds grain state and read models, in either storage mode.</summary>
public sealed class ChronusDatabase(StorageMode mode, DbDataSource dataSource, string connectionString)
{
    public StorageMode Mode { get; } = mode;

    public DbDataSource DataSource { get; } = dataSource;

    /// <summary>SQLite's synchronous setting for the inbox log: NORMAL (the default) or FULL.</summary>
    public string EmbeddedSync { get; init; } = "NORMAL";

    /// <summary>For the Orleans ADO.NET providers, which open their own connections.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// SQLite lets one transaction write at a time, and a writer that finds the file busy backs off
    /// for a long while. Our own writers take turns here instead, so they never collide with each
    /// other; on PostgreSQL the gate is never closed.
    /// </summary>
    public async Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        if (Mode == StorageMode.Postgres)
        {
            return NoGate.Instance;
        }

        await _writeGate.WaitAsync(cancellationToken);
        return new GatePass(_writeGate);
    }

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private sealed class GatePass(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }

    /// <summary>The ADO.NET invariant name the Orleans providers know this database by.</summary>
    public string Invariant => Mode == StorageMode.Postgres ? "Npgsql" : "System.Data.SQLite";
}

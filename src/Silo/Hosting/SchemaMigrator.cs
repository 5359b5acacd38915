using System.Data.Common;
using System.Globalization;
using System.Reflection;
using ChronusCrm.Grains.Storage;

namespace ChronusCrm.Silo.Hosting;

/// <summary>
/// Creates and upgrades the database schema before the silo starts (the Orleans providers read
/// their queries from it). Every script is idempotent and runs on every start, in order; the
/// version of the newest one is recorded. On PostgreSQL an advisory lock keeps two instances that
/// start together from creating the same objects at once.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>An arbitrary constant that names ChronusCRM's schema lock among advisory locks.</summary>
    private const long PostgresLockKey = 0x43_48_52_4F_4E_55_53;

    public static async Task<int> ApplyAsync(ChronusDatabase database, CancellationToken cancellationToken)
    {
        var scripts = Scripts(database.Mode);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        if (database.Mode == StorageMode.Embedded)
        {
            // WAL lets readers work beside the writer; it is a property of the file and persists.
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL", cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Mode == StorageMode.Postgres)
        {
            // Held until the transaction ends, however it ends: pooled connections are not reset
            // when they are returned (see StorageSetup), so a session lock could outlive a failure.
            var lockSql = $"SELECT pg_advisory_xact_lock({PostgresLockKey})";
            await ExecuteAsync(connection, lockSql, cancellationToken, transaction);
        }

        var applied = await ReadVersionAsync(connection, transaction, cancellationToken);

        // Scripts up to the recorded version ran before; the newer ones run now, in order.
        foreach (var (_, sql) in scripts.Where(script => script.Version > applied))
        {
            await ExecuteAsync(connection, sql, cancellationToken, transaction);
        }

        var version = Math.Max(applied, scripts[^1].Version);
        await RecordVersionAsync(connection, transaction, version, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    /// <summary>The scripts embedded from deploy/sql/&lt;mode&gt;/, ordered by their numeric prefix.</summary>
    public static IReadOnlyList<(int Version, string Sql)> Scripts(StorageMode mode)
    {
        var folder = mode == StorageMode.Postgres ? "sql/postgres/" : "sql/sqlite/";
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(folder, StringComparison.Ordinal))
            .Select(name => (Version: VersionOf(name[folder.Length..]), Name: name))
            .OrderBy(script => script.Version)
            .Select(script => (script.Version, Read(assembly, script.Name)))
            .ToList();

        return scripts.Count > 0
            ? scripts
            : throw new InvalidOperationException($"No schema scripts are embedded under {folder}.");
    }

    /// <summary>"002-read-model.sql" is version 2.</summary>
    private static int VersionOf(string fileName) =>
        int.Parse(fileName.Split('-')[0], CultureInfo.InvariantCulture);

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The version recorded by the last start, 0 for an empty database.</summary>
    private static async Task<int> ReadVersionAsync(
        DbConnection connection,
        DbTransaction transaction,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS chronus_schema (
                id integer PRIMARY KEY,
                version integer NOT NULL
            )
            """, cancellationToken, transaction);

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM chronus_schema WHERE id = 1";
        return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull
            ? Convert.ToInt32(version, CultureInfo.InvariantCulture)
            : 0;
    }

    private static async Task RecordVersionAsync(
        DbConnection connection,
        DbTransaction transaction,
        int version,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            connection,
            $"""
            INSERT INTO chronus_schema (id, version) VALUES (1, {version})
            ON CONFLICT (id) DO UPDATE SET version = excluded.version
            """,
            cancellationToken,
            transaction);
    }

    private static async Task ExecuteAsync(
        DbConnection connection,
        string sql,
        CancellationToken cancellationToken,
        DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

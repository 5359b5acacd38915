using System.Diagnostics;
using Npgsql;

namespace ChronusCrm.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL the tests run against: the one named by ChronusTests__Postgres (an admin
/// connection string, as .ci/run sets it), or else a throwaway server started here with the
/// machine's own PostgreSQL binaries, in a temporary directory on a loopback port.
/// Every test class gets a database of its own.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString)
    {
        _adminConnectionString = adminConnectionString;
    }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"chronus_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ToString();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("ChronusTests__Postgres") is { Length: > 0 } configured)
        {
            return new PostgresServer(configured);
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL tests need a PostgreSQL server: install the postgresql package, "
            + "or set ChronusTests__Postgres to an admin connection string.");

        var directory = Directory.CreateTempSubdirectory("chronus-pg-").FullName;
        var port = FreePort.Next();
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            await RunAsync("chown", $"-R {runAs} {directory}", null);
        }

        await RunAsync(Path.Combine(bin, "initdb"), $"-D {directory}/data -U postgres --auth=trust -E UTF8", runAs);
        await RunAsync(
            Path.Combine(bin, "pg_ctl"),
            $"-D {directory}/data -l {directory}/log -w start "
            + $"-o \"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c max_connections=300\"",
            runAs);

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {directory}/data -m immediate stop", runAs).Wait();
            Directory.Delete(directory, recursive: true);
        };

        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
    }

    private static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static async Task RunAsync(string program, string arguments, string? runAs)
    {
        var start = runAs is null
            ? new ProcessStartInfo(program, arguments)
            : new ProcessStartInfo("runuser", $"-u {runAs} -- {program} {arguments}");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = "/tmp";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}

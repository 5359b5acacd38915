using System.Net;
using System.Text;
using ChronusCrm.Tests.Infrastructure;
using Npgsql;

namespace ChronusCrm.Tests.Security;

/// <summary>Raw keys and personal data stay out of the database and the logs; keys behave cluster-wide.</summary>
public sealed class KeySecrecyTests
{
    [Fact]
    public async Task The_first_start_prints_an_admin_key_once_and_never_again()
    {
        var settings = new Dictionary<string, string>
        {
            ["Chronus:DataDirectory"] = Directory.CreateTempSubdirectory("chronus-first-").FullName,
            ["Chronus:BootstrapApiKey"] = "",
        };

        string printed;
        await using (var first = await SiloProcess.StartAsync(settings))
        {
            printed = PrintedKey(first.RecentOutput)
                ?? throw new Xunit.Sdk.XunitException($"No key printed:\n{first.RecentOutput}");
            using var admin = Http.ClientFor(first.Address, printed);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api-keys")).StatusCode);
            await first.StopGracefullyAsync();
        }

        await using var second = await SiloProcess.StartAsync(settings);
        Assert.Null(PrintedKey(second.RecentOutput));
        using var again = Http.ClientFor(second.Address, printed);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api-keys")).StatusCode);
    }

    [Fact]
    public async Task No_raw_key_or_email_reaches_the_database_file_or_the_logs()
    {
        var directory = Directory.CreateTempSubdirectory("chronus-secrets-").FullName;
        var secrets = new List<string> { TestKeys.Admin };
        var emails = new List<string>();
        string logs;

        await using (var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Chronus:DataDirectory"] = directory,
        }))
        {
            secrets.AddRange(await CreateKeysAsync(silo.Client));
            emails.AddRange(await SubmitLeadsAsync(silo.Client, secrets[1]));
            await silo.StopGracefullyAsync();
            logs = silo.RecentOutput;
        }

        var stored = string.Concat(Directory.GetFiles(directory).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Contains(emails[0], stored, StringComparison.Ordinal);
        Assert.All(secrets, s => Assert.DoesNotContain(s, stored, StringComparison.Ordinal));
        Assert.All(secrets, s => Assert.DoesNotContain(s, logs, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.DoesNotContain(e, logs, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("API key", logs, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Storage", "PostgreSQL")]
    public async Task A_revocation_on_one_silo_is_seen_at_once_by_the_other_and_no_raw_key_is_stored()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["Orleans:ClusterId"] = $"keys-{Guid.NewGuid():N}",
        };
        var silos = await Task.WhenAll(SiloProcess.StartAsync(settings), SiloProcess.StartAsync(settings));
        await using var first = silos[0];
        await using var second = silos[1];

        var created = await (await first.Client.PostJsonAsync("/api-keys", new
        {
            name = "dashboard",
            scopes = new[] { "leads:read" },
        })).ReadJsonAsync();
        using var onSecond = Http.ClientFor(second.Address, created.Str("key"));
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/leads")).StatusCode);

        await first.Client.DeleteAsync($"/api-keys/{created["apiKey"]!.Str("id")}");

        await (await onSecond.GetAsync("/leads")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var stored = await AllStoredTextAsync(database);
        Assert.DoesNotContain(created.Str("key"), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Admin, stored, StringComparison.Ordinal);
        Assert.Contains(created["apiKey"]!.Str("id"), stored, StringComparison.Ordinal);
    }

    private static string? PrintedKey(string output) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("sk_live_", StringComparison.Ordinal));

    private static async Task<List<string>> CreateKeysAsync(HttpClient admin)
    {
        var keys = new List<string>();
        foreach (var scopes in new[] { new[] { "leads:write" }, new[] { "customers:read" } })
        {
            var created = await admin.PostJsonAsync("/api-keys", new { name = "secret test", scopes });
            keys.Add((await created.ReadJsonAsync()).Str("key"));
        }

        var browser = await admin.PostJsonAsync("/api-keys", new
        {
            name = "form",
            scopes = new[] { "leads:submit" },
            allowedOrigins = new[] { "https://landing.example.com" },
        });
        keys.Add((await browser.ReadJsonAsync()).Str("key"));
        return keys;
    }

    private static async Task<List<string>> SubmitLeadsAsync(Uri address, string writerKey)
    {
        using var writer = Http.ClientFor(address, writerKey);
        var emails = Enumerable.Range(0, 3).Select(i => Http.UniqueEmail($"private{i}")).ToList();
        foreach (var email in emails)
        {
            var lead = await (await writer.PostJsonAsync("/leads", new { name = "Private Person", email })).ReadJsonAsync();
            await writer.PostAsync($"/leads/{lead.Str("id")}/convert", null);
            await writer.PostJsonAsync("/leads", new { name = "Private Person", email = email.ToUpperInvariant() });
        }

        return emails;
    }

    private static Task<List<string>> SubmitLeadsAsync(HttpClient admin, string writerKey) =>
        SubmitLeadsAsync(admin.BaseAddress!, writerKey);

    private static async Task<string> AllStoredTextAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(string_agg(convert_from(payloadbinary, 'UTF8'), ' '), '') FROM orleansstorage "
            + "WHERE payloadbinary IS NOT NULL",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

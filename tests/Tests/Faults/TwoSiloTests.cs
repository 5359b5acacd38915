using System.Net;
using ChronusCrm.Tests.Infrastructure;
using Npgsql;

namespace ChronusCrm.Tests.Faults;

/// <summary>Two silo processes on one PostgreSQL database are one cluster that shares its grains.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoSiloTests
{
    [Fact]
    public async Task Two_silos_started_together_on_an_empty_database_form_one_cluster()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["Orleans:ClusterId"] = $"two-{Guid.NewGuid():N}",
        };

        var both = await Task.WhenAll(SiloProcess.StartAsync(settings), SiloProcess.StartAsync(settings));
        await using var first = both[0];
        await using var second = both[1];

        Assert.Equal(2, await ActiveSilosAsync(database));

        var email = Http.UniqueEmail("cluster");
        var created = await (await first.Client.PostJsonAsync("/leads", new { name = "Shared", email })).ReadJsonAsync();
        var seen = await second.Client.GetAsync($"/leads/{created.Str("id")}");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);

        // The intake grain of an email lives once in the cluster, whichever silo is asked.
        var burst = Http.UniqueEmail("burst");
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? first : second).Client.PostJsonAsync("/leads", new { name = $"B{i}", email = burst })));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).Str("id")));
        Assert.Single(ids.Distinct());

        var converted = await (await second.Client.PostAsync($"/leads/{ids[0]}/convert", null)).ReadJsonAsync();
        var listed = await Http.EventuallyAsync(
            () => first.Client.GetArrayAsync($"/customers?search={Uri.EscapeDataString(burst)}"),
            list => list.Count == 1);
        Assert.Equal(converted.Str("customerId"), Assert.Single(listed)!.Str("id"));
    }

    private static async Task<long> ActiveSilosAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        // Status 3 is SiloStatus.Active in Orleans' membership table.
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansMembershipTable WHERE Status = 3", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

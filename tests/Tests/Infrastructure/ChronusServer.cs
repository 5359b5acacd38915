using ChronusCrm.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChronusCrm.Tests.Infrastructure;

/// <summary>
/// The real ChronusCRM host (silo and HTTP API) started in the test process on free loopback
/// ports, reached over real HTTP. Embedded mode gets a fresh data directory; PostgreSQL mode a
/// fresh database.
/// </summary>
public sealed class ChronusServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChronusServer(WebApplication app, Uri address, string storage)
    {
        _app = app;
        Address = address;
        Storage = storage;
        Client = Http.ClientFor(address, TestKeys.Admin);
        Anonymous = Http.ClientFor(address);
    }

    public Uri Address { get; }

    /// <summary>The data directory (embedded) or the connection string (PostgreSQL).</summary>
    public string Storage { get; }

    /// <summary>A client that sends the bootstrap admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends no key.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>A client that sends this key.</summary>
    public HttpClient ClientWithKey(string? key) => Http.ClientFor(Address, key);

    public IServiceProvider Services => _app.Services;

    public static async Task<ChronusServer> StartEmbeddedAsync(string? dataDirectory = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("chronus-test-").FullName;
        return await StartAsync(new() { ["Chronus:DataDirectory"] = dataDirectory }, dataDirectory);
    }

    public static async Task<ChronusServer> StartPostgresAsync(string? connectionString = null)
    {
        connectionString ??= await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        return await StartAsync(new() { ["ConnectionStrings:Postgres"] = connectionString }, connectionString);
    }

    internal static async Task<ChronusServer> StartAsync(Dictionary<string, string> settings, string storage)
    {
        settings["urls"] = "http://127.0.0.1:0";
        settings["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Orleans:ClusterId"] = $"test-{Guid.NewGuid():N}";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings.TryAdd("Chronus:BootstrapApiKey", TestKeys.Admin);

        var app = await ChronusHost.BuildAsync([.. settings.Select(s => $"--{s.Key}={s.Value}")]);
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new ChronusServer(app, new Uri(addresses.Addresses.First()), storage);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

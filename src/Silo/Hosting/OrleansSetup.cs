using System.Net;
using ChronusCrm.Grains.Abstractions.Streams;
using ChronusCrm.Grains.Storage;
using Orleans.Configuration;

namespace ChronusCrm.Silo.Hosting;

/// <summary>Clustering, reminders, grain storage and streams for the storage mode in use.</summary>
public static class OrleansSetup
{
    public const string PubSubStore = "PubSubStore";

    public static void Configure(ISiloBuilder silo, IConfiguration configuration, ChronusDatabase database)
    {
        var section = configuration.GetSection("Orleans");
        var clusterId = section["ClusterId"] ?? "chronus";
        var serviceId = section["ServiceId"] ?? "chronus";
        var siloPort = section.GetValue("SiloPort", 11111);
        var gatewayPort = section.GetValue("GatewayPort", 30000);

        if (database.Mode == StorageMode.Embedded)
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);

            // One process, so reminders live in memory; whoever needs one re-arms it at start.
            silo.UseInMemoryReminderService();
        }
        else
        {
            var advertised = section["AdvertisedIP"] is { Length: > 0 } ip ? IPAddress.Parse(ip) : IPAddress.Loopback;
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = serviceId;
            });
            silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: true);
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                // A silo killed without a goodbye is taken as dead after a minute of silence in
                // the membership table, rather than the default ten, so a replacement that comes
                // back on another address is not held up for long.
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);
                options.NumMissedTableIAmAliveLimit = 2;
            });
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = database.Invariant;
                options.ConnectionString = database.ConnectionString;
            });
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = database.Invariant;
                options.ConnectionString = database.ConnectionString;
            });
        }

        ConfigureStorage(silo, database);
    }

    /// <summary>Grain storage and streams; the test cluster uses this part with its own clustering.</summary>
    public static void ConfigureStorage(ISiloBuilder silo, ChronusDatabase database)
    {
        silo.AddAdoNetGrainStorageAsDefault(options =>
        {
            options.Invariant = database.Invariant;
            options.ConnectionString = database.ConnectionString;
        });
        silo.AddAdoNetGrainStorage(PubSubStore, options =>
        {
            options.Invariant = database.Invariant;
            options.ConnectionString = database.ConnectionString;
        });
        silo.AddMemoryStreams(ChronusStreams.Provider, streams => streams.ConfigureCacheEviction(
            eviction => eviction.Configure(options =>
            {
                // Orleans keeps delivered events for five to thirty minutes by default, for
                // consumers that rewind; ours never do (the log is the history). At thousands of
                // events a second that cache grew by a large-object block after another and
                // forced a full collection every few seconds. An event leaves the cache once it
                // is older than both figures.
                options.DataMinTimeInCache = TimeSpan.FromSeconds(5);
                options.DataMaxAgeInCache = TimeSpan.FromSeconds(10);
                options.MetadataMinTimeInCache = TimeSpan.FromSeconds(10);
            })));

        // State is stored as plain JSON, with no CLR type names that a rename would orphan.
        silo.UseSystemTextJsonGrainStorageSerializer();
    }
}

using ChronusCrm.Grains;
using ChronusCrm.Grains.AssistAi;
using ChronusCrm.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ChronusCrm.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster whose grains keep their state in the real ADO.NET storage,
/// on a SQLite file of its own, with the same storage and stream setup as the product.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The services of the (only) silo, for the storage-facing parts under test.</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    public async Task InitializeAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("chronus-cluster-").FullName;
        var builder = new TestClusterBuilder(1);
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { [StorageSetup.DataDirectoryKey] = dataDirectory }));
        builder.AddSiloBuilderConfigurator<ChronusStorageConfigurator>();

        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class ChronusStorageConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var storage = StorageSetup.Open(siloBuilder.Configuration);
            SchemaMigrator.ApplyAsync(storage.Database, CancellationToken.None).GetAwaiter().GetResult();

            siloBuilder.Services.AddSingleton(TimeProvider.System);
            siloBuilder.Services.AddChronusGrainServices(storage.Database);
            siloBuilder.Services.AddAssistAi(siloBuilder.Configuration);
            OrleansSetup.ConfigureStorage(siloBuilder, storage.Database);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Test cluster";
}

namespace ChronusCrm.Tests.Infrastructure;

/// <summary>One embedded-mode server shared by the tests of a class; tests use keys of their own.</summary>
public sealed class EmbeddedServerFixture : IAsyncLifetime
{
    public ChronusServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ChronusServer.StartEmbeddedAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>One PostgreSQL-mode server, on a database of its own, shared by the tests of a class.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public ChronusServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ChronusServer.StartPostgresAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

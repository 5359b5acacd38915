using ChronusCrm.Grains.Abstractions.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Api.Security;

/// <summary>
/// Makes sure an admin can get in. With Chronus:BootstrapApiKey set, that key is stored (hashed) as
/// an admin key. With none, the very first start of a deployment creates an admin key and prints it
/// once on the console; no later start does. Runs after the silo has started and before the API
/// listens.
/// </summary>
public sealed partial class ApiKeyBootstrap(
    IGrainFactory grains,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<ApiKeyBootstrap> logger) : IHostedService
{
    public const string ConfigurationKey = "Chronus:BootstrapApiKey";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.Key);
        if (configuration[ConfigurationKey] is { Length: > 0 } configured)
        {
            await EnsureConfiguredKeyAsync(registry, configured.Trim(), cancellationToken);
            return;
        }

        var raw = ApiKeyFormat.NewRawKey(ApiKeyKind.Secret);
        var key = AdminKey(ApiKeyFormat.NewId(), "first admin key", raw);
        var grain = grains.GetGrain<IApiKeyGrain>(key.Digest);
        await grain.CreateAsync(key, cancellationToken);
        if (!await registry.CreateFirstAdminAsync(key, cancellationToken))
        {
            // Another start got there first, or keys exist: this one must never work.
            await grain.RevokeAsync(clock.GetUtcNow(), cancellationToken);
            return;
        }

        LogFirstKey(logger, key.Id);
        Console.WriteLine(
            $"""

            ChronusCRM created its first admin API key. It is shown this once and never again:

                {raw}

            Send it as 'X-API-Key: <key>'. Set Chronus__BootstrapApiKey to choose one yourself.

            """);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureConfiguredKeyAsync(
        IApiKeyRegistryGrain registry,
        string raw,
        CancellationToken cancellationToken)
    {
        if (!raw.StartsWith(ApiKeyFormat.SecretPrefix, StringComparison.Ordinal) || raw.Length < 24)
        {
            throw new InvalidOperationException(
                $"{ConfigurationKey} must start with '{ApiKeyFormat.SecretPrefix}' and be at least 24 characters.");
        }

        var digest = ApiKeyDigest.Of(raw);
        var grain = grains.GetGrain<IApiKeyGrain>(digest);
        if (await grain.GetAsync(cancellationToken) is { } existing)
        {
            if (existing.RevokedAt is not null)
            {
                LogBootstrapRevoked(logger, existing.Id);
            }

            return;
        }

        // The id derives from the digest, so instances starting together agree on it.
        var key = AdminKey("key_bootstrap_" + digest[^12..], "bootstrap key (configuration)", raw);
        await registry.AddAsync(key, cancellationToken);
        await grain.CreateAsync(key, cancellationToken);
    }

    private ApiKey AdminKey(string id, string name, string raw) => new()
    {
        Id = id,
        Name = name,
        Kind = ApiKeyKind.Secret,
        Prefix = raw[..ApiKeyFormat.ShownPrefixLength],
        Scopes = [ApiScopes.Admin],
        CreatedAt = clock.GetUtcNow(),
        Digest = ApiKeyDigest.Of(raw),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "First admin API key {KeyId} created and printed on the console")]
    private static partial void LogFirstKey(ILogger logger, string keyId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The configured bootstrap API key {KeyId} was revoked; it stays revoked")]
    private static partial void LogBootstrapRevoked(ILogger logger, string keyId);
}

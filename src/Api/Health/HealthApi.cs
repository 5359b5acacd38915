using ChronusCrm.Grains.Abstractions.ReadModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChronusCrm.Api.Health;

/// <summary>Liveness says the process answers; readiness says its storage answers too.</summary>
public static class HealthApi
{
    private const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddChronusHealthChecks(this IHealthChecksBuilder checks) =>
        checks.AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .WithTags("Health")
            .AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) })
            .WithTags("Health")
            .AllowAnonymous();
        return routes;
    }

    private sealed class StorageHealthCheck(IStorageHealth storage) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context,
            CancellationToken cancellationToken = default) =>
            await storage.IsReadyAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}

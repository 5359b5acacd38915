using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.ReadModel;
using ChronusCrm.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChronusCrm.Grains;

public static class GrainServices
{
    /// <summary>The storage-facing services the grains and the API share.</summary>
    public static IServiceCollection AddChronusGrainServices(this IServiceCollection services, ChronusDatabase database)
    {
        services.AddSingleton(database);
        services.AddSingleton<IStorageHealth, DatabaseHealth>();
        services.AddSingleton<LeadDirectory>();
        services.AddSingleton<ILeadDirectory>(sp => sp.GetRequiredService<LeadDirectory>());
        services.AddSingleton<CustomerDirectory>();
        services.AddSingleton<ICustomerDirectory>(sp => sp.GetRequiredService<CustomerDirectory>());
        services.AddSingleton<ReadModelRepair>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadModelRepair>());
        return services;
    }
}

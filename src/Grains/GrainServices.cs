using ChronusCrm.Grains.Abstractions.Inbox;
using ChronusCrm.Grains.Abstractions.ReadModel;
using ChronusCrm.Grains.Inbox;
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
        services.AddSingleton<MessageLog>();
        services.AddSingleton<IMessageHistory>(sp => sp.GetRequiredService<MessageLog>());
        services.AddSingleton<ConversationDirectory>();
        services.AddSingleton<IConversationDirectory>(sp => sp.GetRequiredService<ConversationDirectory>());

        // Registered before the silo, so that it stops after the silo and finishes the grains' last writes.
        services.AddSingleton<InboxLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxLogWriter>());

        services.AddSingleton<InboxEventPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxEventPublisher>());

        services.AddSingleton<ReadModelRepair>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadModelRepair>());
        services.AddHostedService<DeliveryWaker>();
        return services;
    }
}

using ChronusCrm.Grains.Abstractions.Inbox;
using Microsoft.Extensions.Logging;

namespace ChronusCrm.Grains.Inbox;

public sealed class DeliveryRegistryState
{
    public HashSet<string> Conversations { get; set; } = [];
}

/// <summary>
/// Remembers which conversations have replies to deliver and wakes them at start-up and then
/// every minute (a reminder: durable on PostgreSQL, re-armed at each start in embedded mode), so a
/// reply queued on a silo that died is delivered by another. Waking a conversation with nothing
/// left to send removes it.
/// </summary>
public sealed partial class DeliveryRegistryGrain(
    [PersistentState("deliveryregistry")] IPersistentState<DeliveryRegistryState> state,
    ILogger<DeliveryRegistryGrain> logger) : Grain, IDeliveryRegistryGrain, IRemindable
{
    private const string ReminderName = "wake-deliveries";
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    public async Task AddAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (state.State.Conversations.Add(conversationId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task WakeAllAsync(CancellationToken cancellationToken)
    {
        await this.RegisterOrUpdateReminder(ReminderName, Period, Period);

        var done = new List<string>();
        foreach (var conversationId in state.State.Conversations.ToList())
        {
            try
            {
                if (!await GrainFactory.GetGrain<IConversationGrain>(conversationId).ResumeDeliveriesAsync(cancellationToken))
                {
                    done.Add(conversationId);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogWakeFailed(logger, exception, conversationId);
            }
        }

        if (done.Count > 0)
        {
            state.State.Conversations.ExceptWith(done);
            await state.WriteStateAsync();
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? WakeAllAsync(CancellationToken.None) : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking conversation {ConversationId} for its deliveries failed; the next round tries again")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string conversationId);
}

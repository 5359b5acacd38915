using ChronusCrm.Grains.Abstractions.AssistAi;

namespace ChronusCrm.Grains.AssistAi;

public sealed class AssistAiAgentState
{
    public RemoteAgent? Remote { get; set; }
    public DateTimeOffset? RemoteSeenAt { get; set; }
    public AgentSettings Settings { get; set; } = new();
}

public sealed class AssistAiAgentGrain(
    [PersistentState("assistaiagent")] IPersistentState<AssistAiAgentState> state,
    TimeProvider clock) : Grain, IAssistAiAgentGrain
{
    public Task<AssistAiAgent?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Snapshot());

    public async Task<AssistAiAgent> RememberAsync(RemoteAgent remote, CancellationToken cancellationToken)
    {
        // Written only when AssistAI's view changed, not on every listing.
        if (state.State.Remote != remote)
        {
            state.State.Remote = remote;
            state.State.RemoteSeenAt = clock.GetUtcNow();
            await state.WriteStateAsync();
        }

        return Snapshot()!;
    }

    public async Task<AssistAiAgent?> UpdateSettingsAsync(AgentSettingsChanges changes, CancellationToken cancellationToken)
    {
        if (state.State.Remote is null)
        {
            return null;
        }

        var settings = state.State.Settings;
        state.State.Settings = settings with
        {
            InternalName = changes.InternalName ?? settings.InternalName,
            Notes = changes.Notes ?? settings.Notes,
            AutoReply = changes.AutoReply ?? settings.AutoReply,
        };
        await state.WriteStateAsync();
        return Snapshot();
    }

    private AssistAiAgent? Snapshot() => state.State.Remote is { } remote
        ? new AssistAiAgent(remote, state.State.Settings, state.State.RemoteSeenAt)
        : null;
}

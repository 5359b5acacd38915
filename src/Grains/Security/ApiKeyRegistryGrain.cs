using ChronusCrm.Grains.Abstractions.Security;

namespace ChronusCrm.Grains.Security;

public sealed class ApiKeyRegistryState
{
    public Dictionary<string, ApiKey> Keys { get; set; } = [];

    /// <summary>Set once the first admin key was printed, so that no later start prints another.</summary>
    public bool FirstAdminIssued { get; set; }
}

public sealed class ApiKeyRegistryGrain(
    [PersistentState("apikeys")] IPersistentState<ApiKeyRegistryState> state) : Grain, IApiKeyRegistryGrain
{
    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        if (state.State.Keys.ContainsKey(key.Id))
        {
            return;
        }

        state.State.Keys[key.Id] = key;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApiKey>>([.. state.State.Keys.Values.OrderBy(k => k.CreatedAt)]);

    public async Task<bool> MarkRevokedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!state.State.Keys.TryGetValue(id, out var key))
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            state.State.Keys[id] = key with { RevokedAt = at };
            await state.WriteStateAsync();
        }

        return true;
    }

    public async Task NoteUseAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (state.State.Keys.TryGetValue(id, out var key) && (key.LastUsedAt is null || key.LastUsedAt < at))
        {
            state.State.Keys[id] = key with { LastUsedAt = at };
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> CreateFirstAdminAsync(ApiKey key, CancellationToken cancellationToken)
    {
        if (state.State.FirstAdminIssued || state.State.Keys.Count > 0)
        {
            return false;
        }

        state.State.Keys[key.Id] = key;
        state.State.FirstAdminIssued = true;
        await state.WriteStateAsync();
        return true;
    }
}

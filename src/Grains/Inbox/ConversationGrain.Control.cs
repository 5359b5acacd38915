using ChronusCrm.Grains.Abstractions.Inbox;

namespace ChronusCrm.Grains.Inbox;

/// <summary>
/// Who answers the conversation: the AI agent, or a human who took it over. The deadline is kept
/// in state, and every read applies it (<see cref="Conversation.AsOf"/>), so expiry holds across
/// restarts even when no timer survives; the timer only records the hand-back as a change.
/// </summary>
public sealed partial class ConversationGrain
{
    private IGrainTimer? _expiryTimer;

    public async Task<Conversation?> TakeoverAsync(Takeover takeover, CancellationToken cancellationToken)
    {
        if (_tail.Last is null)
        {
            return null;
        }

        ApplyExpiry();
        if (state.State.Control != ConversationControl.Human)
        {
            state.State.ControlEpoch++;
        }

        state.State.Control = ConversationControl.Human;
        state.State.ControlHolder = takeover.Holder;
        state.State.ControlUntil = clock.GetUtcNow() + takeover.Duration;
        var conversation = await SaveChangeAsync();
        ScheduleExpiry();
        LogTakenOver(logger, ConversationId, conversation.ControlEpoch);
        return conversation;
    }

    public async Task<Conversation?> ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_tail.Last is null)
        {
            return null;
        }

        var changed = ApplyExpiry();
        if (state.State.Control == ConversationControl.Human)
        {
            HandBackToAi();
            changed = true;
        }

        if (!changed)
        {
            return Snapshot();
        }

        var conversation = await SaveChangeAsync();
        LogReleased(logger, ConversationId, conversation.ControlEpoch);
        return conversation;
    }

    /// <summary>Why an AI's reply may not go out now, or null when it may.</summary>
    private static string? Fence(OutgoingMessage reply, Conversation conversation)
    {
        if (reply.Author != MessageAuthor.AiAgent)
        {
            return null;
        }

        if (conversation.Control == ConversationControl.Human)
        {
            return $"A human holds this conversation until {conversation.ControlUntil:O}; the AI may not answer.";
        }

        return reply.ControlEpoch == conversation.ControlEpoch
            ? null
            : $"The reply was written under control epoch {reply.ControlEpoch}; the conversation is at epoch {conversation.ControlEpoch}.";
    }

    /// <summary>Turns a run-out takeover in state into the AI's control; true when it did.</summary>
    private bool ApplyExpiry()
    {
        if (state.State is { Control: ConversationControl.Human, ControlUntil: { } until } && until <= clock.GetUtcNow())
        {
            HandBackToAi();
            return true;
        }

        return false;
    }

    private void HandBackToAi()
    {
        state.State.Control = ConversationControl.Ai;
        state.State.ControlHolder = null;
        state.State.ControlUntil = null;
        state.State.ControlEpoch++;
    }

    private void ScheduleExpiry()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        if (state.State is not { Control: ConversationControl.Human, ControlUntil: { } until })
        {
            return;
        }

        var due = until - clock.GetUtcNow();
        _expiryTimer = this.RegisterGrainTimer(
            ExpireAsync,
            new GrainTimerCreationOptions { DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due, Period = Timeout.InfiniteTimeSpan });
    }

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        if (_tail.Last is not null && ApplyExpiry())
        {
            var conversation = await SaveChangeAsync();
            LogReleased(logger, ConversationId, conversation.ControlEpoch);
        }
    }
}

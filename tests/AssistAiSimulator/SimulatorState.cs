using System.Collections.Concurrent;

namespace ChronusCrm.AssistAiSimulator;

/// <summary>What the simulated tenant holds, and the faults it is told to show next.</summary>
public sealed class SimulatorState
{
    private readonly ConcurrentQueue<Fault> _faults = new();

    public ConcurrentDictionary<string, Agent> Agents { get; } = new();

    /// <summary>How many API calls arrived (faulted ones included).</summary>
    public int Calls;

    public void Enqueue(Fault fault, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    public Fault? NextFault() => _faults.TryDequeue(out var fault) ? fault : null;

    public void Reset()
    {
        Agents.Clear();
        _faults.Clear();
        Calls = 0;
    }
}

public sealed record Agent(string Code, string Name, string Model, string Description, DateTimeOffset CreatedAt);

/// <summary>Answer with this status (and Retry-After), or wait this long first.</summary>
public sealed record Fault(int Status, int? RetryAfterSeconds, int DelayMilliseconds);

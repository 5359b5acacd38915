using System.Collections.Concurrent;

namespace ChronusCrm.AssistAiSimulator;

/// <summary>What the simulated tenant holds, and the faults it is told to show next.</summary>
public sealed class SimulatorState
{
    private readonly ConcurrentQueue<Fault> _faults = new();

    public ConcurrentDictionary<string, Agent> Agents { get; } = new();

    public ConcurrentDictionary<string, SimConversation> Conversations { get; } = new();

    /// <summary>How many API calls arrived (faulted ones included).</summary>
    public int Calls;

    /// <summary>Every message sent into a conversation, in arrival order.</summary>
    public ConcurrentQueue<SentMessage> Sent { get; } = new();

    /// <summary>When false, a sent message is answered without its id (the client must recognise it later).</summary>
    public bool SendAnswersId { get; set; } = true;

    public void Enqueue(Fault fault, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    public void ClearFaults() => _faults.Clear();

    /// <summary>Two agents and two conversations, so that a local demo has something to sync.</summary>
    public void SeedDemo()
    {
        var now = DateTimeOffset.UtcNow;
        Agents["SALES"] = new Agent("SALES", "Sales assistant", "gpt-sim", "Answers price questions", now.AddDays(-3));
        Agents["SUPPORT"] = new Agent("SUPPORT", "Support assistant", "gpt-sim", "Answers order questions", now.AddDays(-2));

        var whatsapp = new SimConversation("demo-whatsapp-1", "Price question", "whatsapp", "15550100001", "SALES", 0);
        whatsapp.Messages.Add(new SimMessage("demo-m1", "user", "Hi! How much is the premium plan?", now.AddMinutes(-5)));
        whatsapp.Messages.Add(new SimMessage("demo-m2", "agent", "The premium plan is 49 USD a month.", now.AddMinutes(-4)));
        var instagram = new SimConversation("demo-instagram-1", "Order status", "instagram", null, "SUPPORT", 1);
        instagram.Messages.Add(new SimMessage("demo-m3", "user", "Where is my order?", now.AddMinutes(-3)));
        Conversations[whatsapp.Uuid] = whatsapp;
        Conversations[instagram.Uuid] = instagram;
    }

    public Fault? NextFault() => _faults.TryDequeue(out var fault) ? fault : null;

    public void Reset()
    {
        Agents.Clear();
        Conversations.Clear();
        _faults.Clear();
        Sent.Clear();
        SendAnswersId = true;
        Calls = 0;
    }
}

public sealed record Agent(string Code, string Name, string Model, string Description, DateTimeOffset CreatedAt);

/// <summary>Answer with this status (and Retry-After), or wait this long first.</summary>
public sealed record Fault(int Status, int? RetryAfterSeconds, int DelayMilliseconds);

/// <summary>
/// A conversation and its messages. <see cref="Variant"/> picks the shape it is served in:
/// 0 the documented one, 1 the observed alternatives (platform, customer.phone, role, createdAt).
/// </summary>
public sealed class SimConversation(string uuid, string title, string channel, string? contactPhone, string agentCode, int variant)
{
    public string Uuid { get; } = uuid;
    public string Title { get; } = title;
    public string Channel { get; } = channel;
    public string? ContactPhone { get; } = contactPhone;
    public string AgentCode { get; } = agentCode;
    public int Variant { get; } = variant;
    public List<SimMessage> Messages { get; } = [];
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed record SimMessage(string Id, string Sender, string Content, DateTimeOffset Timestamp, bool Intervention = false);

/// <summary>A message a client sent through POST /conversations/{uuid}/messages, as it arrived.</summary>
public sealed record SentMessage(string ConversationUuid, string Id, string Content, bool Intervention, string? SenderId, string? SenderRole);

/// <summary>What POST /conversations/{uuid}/messages sends: { content, senderMetadata, intervention }.</summary>
public sealed record SendBody(string? Content, SenderMetadata? SenderMetadata, bool? Intervention);

public sealed record SenderMetadata(string? Id, string? Email, string? Firstname, string? Lastname, string? Role);

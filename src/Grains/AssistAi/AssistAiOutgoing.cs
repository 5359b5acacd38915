namespace ChronusCrm.Grains.AssistAi;

/// <summary>The body of POST /conversations/{uuid}/messages, as AssistAI has been seen to take it.</summary>
public sealed record AssistAiOutgoing(string Content, AssistAiSender SenderMetadata, bool Intervention);

/// <summary>Who speaks: AssistAI shows it to its operators, never to the customer.</summary>
public sealed record AssistAiSender(string Id, string? Email, string? Firstname, string? Lastname, string Role);

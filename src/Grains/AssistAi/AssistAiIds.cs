namespace ChronusCrm.Grains.AssistAi;

/// <summary>How AssistAI's ids are kept as external ids, apart from any chat platform's own.</summary>
public static class AssistAiIds
{
    public static string Message(string id) => $"assistai:{id}";
}

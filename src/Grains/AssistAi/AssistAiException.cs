namespace ChronusCrm.Grains.AssistAi;

/// <summary>AssistAI answered with an error status, or not at all (then <see cref="StatusCode"/> is null).</summary>
public sealed class AssistAiException(int? statusCode, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
}

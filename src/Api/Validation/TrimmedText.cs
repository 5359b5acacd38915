namespace ChronusCrm.Api.Validation;

public static class TrimmedText
{
    /// <summary>
    /// Optional text as stored: trimmed, and absent when blank. A blank provider id in particular
    /// must not count as an id, or every later message that carries one would be taken for a retry.
    /// </summary>
    public static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

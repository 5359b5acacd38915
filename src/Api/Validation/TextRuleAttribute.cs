using System.ComponentModel.DataAnnotations;

namespace ChronusCrm.Api.Validation;

/// <summary>
/// A rule for an optional text field: absent passes, a value that is not text fails, and text is
/// judged with the spaces around it trimmed, as it will be stored.
/// </summary>
public abstract class TextRuleAttribute(string errorMessage) : ValidationAttribute(errorMessage)
{
    public sealed override bool IsValid(object? value) => value switch
    {
        null => true,
        string text => IsValidText(text.Trim()),
        _ => false,
    };

    protected abstract bool IsValidText(string trimmed);
}

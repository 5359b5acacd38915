namespace ChronusCrm.Api.Validation;

/// <summary>The sentences of the validation rules; {0} is the JSON field, {1} and {2} the bounds.</summary>
public static class Rules
{
    public const string Required = "{0} is required";
    public const string MaxLength = "{0} must be at most {1} characters";
    public const string Length = "{0} must be from {2} to {1} characters";
    public const string NonNegativeAmount = "{0} must be a number from {1} to {2}";
}

using System.ComponentModel.DataAnnotations;

namespace ChronusCrm.Api.Validation;

/// <summary>
/// An absolute http or https address. Inboxes show media links to people and fetch them; any other
/// scheme (<c>javascript:</c>, <c>file:</c>) or a relative path has no place there.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WebLinkRuleAttribute : ValidationAttribute
{
    public WebLinkRuleAttribute()
        : base("{0} must be an absolute http or https URL")
    {
    }

    public override bool IsValid(object? value)
    {
        if (value is not string text)
        {
            return value is null;
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host.Length > 0;
    }
}

namespace ChronusCrm.Api.Validation;

/// <summary>
/// An absolute http or https address. Inboxes show media links to people and fetch them; any other
/// scheme (<c>javascript:</c>, <c>file:</c>) or a relative path has no place there.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WebLinkRuleAttribute() : TextRuleAttribute("{0} must be an absolute http or https URL")
{
    protected override bool IsValidText(string trimmed) =>
        Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0;
}

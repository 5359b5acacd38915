using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace ChronusCrm.Api.Validation;

/// <summary>
/// An address a CRM can write to: one @, a local part, and a domain with a dot. Stricter than
/// <see cref="EmailAddressAttribute"/>, which accepts "a@b".
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmailRuleAttribute() : TextRuleAttribute("{0} must be a valid email address")
{
    protected override bool IsValidText(string trimmed) =>
        MailAddress.TryCreate(trimmed, out var address)
        && address.Address == trimmed
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');
}

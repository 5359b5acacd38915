using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace ChronusCrm.Api.Validation;

/// <summary>
/// An address a CRM can write to: one @, a local part, and a domain with a dot. Stricter than
/// <see cref="EmailAddressAttribute"/>, which accepts "a@b".
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmailRuleAttribute : ValidationAttribute
{
    public EmailRuleAttribute()
        : base("{0} must be a valid email address")
    {
    }

    public override bool IsValid(object? value)
    {
        if (value is not string text)
        {
            return value is null;
        }

        var trimmed = text.Trim();
        return MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.EndsWith('.');
    }
}

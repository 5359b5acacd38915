using System.Text.RegularExpressions;
using ChronusCrm.Grains.Abstractions.Inbox;
using PhoneNumbers;

namespace ChronusCrm.Api.Inbox;

/// <summary>
/// One spelling per sender: phone numbers in E.164 ("+1 (555) 012-3456" and "+15550123456" are
/// one sender), Instagram handles lower-cased without the @. A number only has to be possible
/// for its country, not assigned: platforms and tests use unassigned ranges such as 555.
/// </summary>
public static partial class SenderAddress
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static bool TryNormalize(Platform platform, string from, out string normalized)
    {
        normalized = "";
        var text = from.Trim();
        if (platform == Platform.Instagram)
        {
            var handle = text.TrimStart('@').ToLowerInvariant();
            if (!InstagramHandle().IsMatch(handle))
            {
                return false;
            }

            normalized = handle;
            return true;
        }

        return TryNormalizePhone(text, out normalized);
    }

    public static bool TryNormalizePhone(string text, out string e164)
    {
        e164 = "";
        text = text.Trim();

        // Platforms often send international numbers without the plus (WhatsApp: "15550123456").
        if (text.Length > 0 && char.IsDigit(text[0]) && !text.Contains(' ', StringComparison.Ordinal))
        {
            text = "+" + text;
        }

        try
        {
            var number = Phones.Parse(text, null);
            if (!Phones.IsPossibleNumber(number))
            {
                return false;
            }

            e164 = Phones.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>A handle (letters, digits, dots, underscores; at most 30) or a numeric account id.</summary>
    [GeneratedRegex("^([a-z0-9._]{1,30}|[0-9]{1,24})$")]
    private static partial Regex InstagramHandle();
}

using ChronusCrm.Grains.Abstractions.Inbox;
using PhoneNumbers;

namespace ChronusCrm.Grains.AssistAi;

/// <summary>Where an AssistAI conversation lands in the inbox: its platform and the customer's address.</summary>
internal static class AssistAiContacts
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static (Platform Platform, string Participant)? Place(RemoteConversation conversation)
    {
        switch (conversation.Channel)
        {
            case "whatsapp" when E164(conversation.ContactPhone) is { } phone:
                return (Platform.Whatsapp, phone);
            case "instagram":
                // AssistAI gives no handle for Instagram contacts; its conversation id stands in.
                return (Platform.Instagram, $"assistai.{conversation.Uuid.ToLowerInvariant()}");
            default:
                return null;
        }
    }

    private static string? E164(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var candidate = char.IsDigit(text.Trim()[0]) ? "+" + text.Trim() : text.Trim();
        try
        {
            var number = Phones.Parse(candidate, null);
            return Phones.IsPossibleNumber(number) ? Phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}

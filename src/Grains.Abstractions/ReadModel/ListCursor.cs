using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ChronusCrm.Grains.Abstractions.ReadModel;

/// <summary>
/// A keyset position in a newest-first listing: the creation time and id of the last item seen.
/// Clients see it as an opaque base64url token.
/// </summary>
public sealed record ListCursor(long CreatedAtTicks, string Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{CreatedAtTicks}:{Id}")));

    public static bool TryParse(string? token, out ListCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(text[..colon], CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }

        cursor = new ListCursor(ticks, text[(colon + 1)..]);
        return true;
    }
}

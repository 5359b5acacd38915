using System.Security.Cryptography;
using System.Text;

namespace ChronusCrm.Grains.Abstractions.Inbox;

/// <summary>
/// A conversation is one platform and one normalised sender. Its id is a digest of the two, so it
/// is stable, and a phone number or handle never shows up in a URL or a log line.
/// </summary>
public static class ConversationIds
{
    public const string Prefix = "conv-";

    public static string For(Platform platform, string normalizedSender)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{platform}:{normalizedSender}".ToLowerInvariant()));
        return Prefix + Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }

    public static string NewMessageId() => "msg-" + Guid.CreateVersion7().ToString("N");
}

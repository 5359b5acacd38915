using System.Security.Cryptography;
using ChronusCrm.Grains.Abstractions.Security;

namespace ChronusCrm.Api.Security;

/// <summary>What a raw key looks like, and how a new one is made.</summary>
public static class ApiKeyFormat
{
    public const string SecretPrefix = "sk_live_";
    public const string BrowserPrefix = "pk_live_";

    /// <summary>How much of a raw key the listing shows.</summary>
    public const int ShownPrefixLength = 14;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int RandomLength = 32;

    public static string NewRawKey(ApiKeyKind kind)
    {
        var prefix = kind == ApiKeyKind.Browser ? BrowserPrefix : SecretPrefix;
        return prefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);
    }

    public static bool LooksValid(string raw) =>
        raw.Length <= 128
        && (raw.StartsWith(SecretPrefix, StringComparison.Ordinal)
            || raw.StartsWith(BrowserPrefix, StringComparison.Ordinal));

    public static bool IsBrowserKey(string raw) => raw.StartsWith(BrowserPrefix, StringComparison.Ordinal);

    public static string NewId() => "key_" + Guid.CreateVersion7().ToString("N");
}

using System.Security.Cryptography;
using System.Text;

namespace ChronusCrm.Grains.Abstractions.Security;

/// <summary>
/// Keys are stored and looked up by a SHA-256 digest of the raw key. A raw key carries 190 bits
/// from a cryptographic generator, so a fast digest is as safe here as a slow password hash, and
/// it keeps the check cheap enough for every request.
/// </summary>
public static class ApiKeyDigest
{
    public static string Of(string rawKey) =>
        "apikey-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawKey)));
}

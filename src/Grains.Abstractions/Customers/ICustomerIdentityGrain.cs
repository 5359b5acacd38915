using System.Security.Cryptography;
using System.Text;
using Orleans.Concurrency;

namespace ChronusCrm.Grains.Abstractions.Customers;

/// <summary>
/// One way to reach a person (an E.164 phone number, an Instagram handle, an email), keyed by
/// <see cref="CustomerIdentity.Key"/>: which customer it belongs to. The first customer to claim it keeps it.
/// </summary>
public interface ICustomerIdentityGrain : IGrainWithStringKey
{
    /// <summary>Claims the identity for the customer; answers the customer that holds it afterwards.</summary>
    Task<string> ClaimAsync(string customerId, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<string?> GetCustomerIdAsync(CancellationToken cancellationToken = default);
}

public static class CustomerIdentity
{
    public const string Phone = "phone";
    public const string Instagram = "instagram";
    public const string Email = "email";

    /// <summary>A digest, so that no phone number or address appears in a grain key or a log.</summary>
    public static string Key(string kind, string normalizedValue) =>
        "identity-" + Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{normalizedValue.ToLowerInvariant()}")).AsSpan(0, 20));
}

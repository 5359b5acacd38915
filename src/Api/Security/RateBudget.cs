using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace ChronusCrm.Api.Security;

/// <summary>
/// Which allowance a request draws on. Each key has one for the API and a separate one for message
/// ingestion, so that a dashboard's reads never throttle a chat platform's pushes; browser form
/// posts are also limited per client address. Endpoints name their budget in metadata.
/// </summary>
public sealed record RateBudget(string Name)
{
    public static readonly RateBudget Api = new("api");
    public static readonly RateBudget Ingest = new("ingest");

    public const int DefaultApiPerMinute = 1200;
    public const int DefaultIngestPerMinute = 600_000;
    public const int AnonymousPerMinute = 120;
    public const int BrowserPerAddressPerMinute = 20;

    /// <summary>The partition a request counts against, and that partition's allowance per minute.</summary>
    public static (string Partition, string Name, int PerMinute) For(HttpContext context)
    {
        var budget = context.GetEndpoint()?.Metadata.GetMetadata<RateBudget>() ?? Api;
        var keyId = context.User.KeyId();
        if (keyId is null)
        {
            return ($"anonymous|{Address(context)}", "anonymous", AnonymousPerMinute);
        }

        var perMinute = budget == Ingest
            ? context.User.RateLimitPerMinute() ?? DefaultIngestPerMinute
            : context.User.RateLimitPerMinute() ?? DefaultApiPerMinute;
        return ($"{budget.Name}|{keyId}", budget.Name, perMinute);
    }

    /// <summary>For browser keys: the partition of one client address under one key.</summary>
    public static string AddressPartition(HttpContext context) =>
        $"address|{context.User.KeyId()}|{Address(context)}";

    public static string Address(HttpContext context) =>
        (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    public static string Describe(string name, int perMinute) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{name}\";q={perMinute};w=60");
}

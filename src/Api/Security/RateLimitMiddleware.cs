using System.Globalization;
using System.Threading.RateLimiting;
using ChronusCrm.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace ChronusCrm.Api.Security;

/// <summary>
/// Token buckets per key and budget (see <see cref="RateBudget"/>), kept in this process: every
/// silo enforces a key's full allowance on its own. Answers carry RateLimit-Policy and RateLimit
/// headers; a refusal is a 429 problem with Retry-After.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next)
{
    private readonly PartitionedRateLimiter<Charge> _keys = PartitionedRateLimiter.Create<Charge, string>(
        charge => RateLimitPartition.GetTokenBucketLimiter(charge.Partition, _ => Bucket(charge.PerMinute)));

    private readonly PartitionedRateLimiter<HttpContext> _addresses = PartitionedRateLimiter.Create<HttpContext, string>(
        context => RateLimitPartition.GetTokenBucketLimiter(
            RateBudget.AddressPartition(context),
            _ => Bucket(RateBudget.BrowserPerAddressPerMinute)));

    public async Task InvokeAsync(HttpContext context)
    {
        // Worked out once: the limiter asks for the partition on every call.
        var (partition, name, perMinute) = RateBudget.For(context);
        var charge = new Charge(partition, perMinute);
        using var lease = _keys.AttemptAcquire(charge);
        Describe(context, name, perMinute, _keys.GetStatistics(charge));
        if (!lease.IsAcquired)
        {
            await RefuseAsync(context, lease, "this key's allowance");
            return;
        }

        if (context.User.IsBrowserKey())
        {
            using var perAddress = _addresses.AttemptAcquire(context);
            if (!perAddress.IsAcquired)
            {
                await RefuseAsync(context, perAddress, "this client address's allowance for form posts");
                return;
            }
        }

        await next(context);
    }

    private readonly record struct Charge(string Partition, int PerMinute);

    private static TokenBucketRateLimiterOptions Bucket(int perMinute)
    {
        // Refill smoothly: every second for large allowances, one token at a time for small ones.
        var period = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / perMinute);
        var tokensPerPeriod = perMinute >= 60 ? (int)Math.Ceiling(perMinute / 60.0) : 1;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static void Describe(HttpContext context, string name, int perMinute, RateLimiterStatistics? statistics)
    {
        var remaining = Math.Max(0, statistics?.CurrentAvailablePermits ?? perMinute);
        var headers = context.Response.Headers;
        headers["RateLimit-Policy"] = RateBudget.Describe(name, perMinute);
        headers["RateLimit"] = string.Create(
            CultureInfo.InvariantCulture, $"\"{name}\";r={remaining};t={SecondsToFull(remaining, perMinute)}");
    }

    private static int SecondsToFull(long remaining, int perMinute) =>
        (int)Math.Ceiling((perMinute - remaining) * 60.0 / perMinute);

    private static Task RefuseAsync(HttpContext context, RateLimitLease lease, string what)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ProblemWriter.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "Too many requests.",
            $"The request exceeds {what}. Retry after {seconds} seconds.");
    }
}

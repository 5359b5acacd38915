using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChronusCrm.Grains.AssistAi;

public static class AssistAiSetup
{
    /// <summary>
    /// The typed AssistAI client behind a resilience pipeline: at most 8 calls at once, each given
    /// 10 seconds, retried 3 times on 5xx, 429, 408 and network errors with exponential backoff and
    /// jitter (a Retry-After is honoured), and a circuit breaker that stops calling a failing
    /// AssistAI for a while. The CRM's own requests never wait on any of it.
    /// </summary>
    public static IServiceCollection AddAssistAi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AssistAiOptions>(configuration.GetSection(AssistAiOptions.Section));
        services.AddHostedService<AssistAiScheduler>();
        services.AddHttpClient<AssistAiClient>()
            .AddResilienceHandler("assistai", pipeline =>
            {
                pipeline.AddTimeout(TimeSpan.FromSeconds(60));
                pipeline.AddConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 8, QueueLimit = 64 });
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    MaxDelay = TimeSpan.FromSeconds(10),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 30,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(10));
            });
        return services;
    }
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using ChronusCrm.Grains.Inbox;
using Polly;

namespace ChronusCrm.Grains.AssistAi;

public static class AssistAiSetup
{
    /// <summary>
    /// The typed AssistAI client behind a resilience pipeline: at most 8 calls at once, each given
    /// 10 seconds (AssistAi:AttemptTimeout), retried 3 times on 5xx, 429, 408 and network errors with exponential backoff and
    /// jitter (a Retry-After is honoured), and a circuit breaker that stops calling a failing
    /// AssistAI for a while. The CRM's own requests never wait on any of it.
    /// </summary>
    public static IServiceCollection AddAssistAi(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AssistAiOptions.Section);
        services.Configure<AssistAiOptions>(section);
        var attemptTimeout = section.Get<AssistAiOptions>()?.AttemptTimeout ?? new AssistAiOptions().AttemptTimeout;
        services.AddHostedService<AssistAiScheduler>();
        services.AddSingleton<IChannelAdapter, AssistAiChannelAdapter>();
        services.AddHttpClient<AssistAiClient>()
            .AddResilienceHandler("assistai", pipeline =>
            {
                pipeline.AddTimeout(TimeSpan.FromSeconds(60));
                pipeline.AddConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 8, QueueLimit = 64 });
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    MaxDelay = TimeSpan.FromSeconds(10),
                };

                // A POST that timed out may have been taken: repeating it at once could send a
                // reply twice. Replies are retried by the conversation's outbox instead, where a
                // message read back from AssistAI is recognised.
                retry.DisableForUnsafeHttpMethods();
                pipeline.AddRetry(retry);
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 30,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                });
                pipeline.AddTimeout(attemptTimeout);
            });
        return services;
    }
}

using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CopilotIngest.Port.Http;

/// <summary>Shapes the standard resilience pipeline for Port: retries honour <c>Retry-After</c> and <c>x-ratelimit-reset</c>.</summary>
internal static class PortResilience
{
    public static void Configure(HttpStandardResilienceOptions resilience, PortOptions options, TimeProvider timeProvider)
    {
        resilience.Retry.MaxRetryAttempts = options.MaxRetryAttempts;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = options.RetryBaseDelay;
        resilience.Retry.MaxDelay = options.MaxRetryDelay;
        resilience.Retry.ShouldRetryAfterHeader = true;
        var maxDelay = options.MaxRetryDelay;
        resilience.Retry.DelayGenerator = args => ValueTask.FromResult(PortRetryDelay.From(args.Outcome.Result, timeProvider, maxDelay));

        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = options.TotalRequestTimeout;
        var sampling = options.AttemptTimeout * 2;
        resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
    }
}

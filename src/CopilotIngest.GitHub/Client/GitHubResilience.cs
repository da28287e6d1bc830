using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace CopilotIngest.GitHub.Client;

/// <summary>
/// Shapes the standard resilience pipeline for GitHub: 5xx, timeouts and dropped connections back off
/// exponentially; rate-limit 403/429 wait exactly as long as GitHub asks, up to <see cref="GitHubOptions.MaxRateLimitWait"/>.
/// A longer wait is not retried, so the client reports it instead of sleeping for an hour.
/// </summary>
internal static partial class GitHubResilience
{
    public static void Configure(HttpStandardResilienceOptions resilience, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<GitHubClient>();
        var retries = Math.Max(1, options.MaxRetries);

        resilience.Retry.MaxRetryAttempts = retries;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = options.RetryBaseDelay;
        resilience.Retry.MaxDelay = options.MaxRateLimitWait + TimeSpan.FromMinutes(1);
        resilience.Retry.ShouldHandle = async args =>
        {
            if (args.Outcome.Result is { } response)
            {
                var verdict = await GitHubRateLimit.ClassifyAsync(response, options.SecondaryRateLimitWait, timeProvider, args.Context.CancellationToken);
                if (verdict.IsRateLimited)
                {
                    return verdict.Wait <= options.MaxRateLimitWait;
                }
            }

            return !args.Context.CancellationToken.IsCancellationRequested && HttpClientResiliencePredicates.IsTransient(args.Outcome);
        };
        resilience.Retry.DelayGenerator = async args =>
        {
            if (args.Outcome.Result is { } response)
            {
                var verdict = await GitHubRateLimit.ClassifyAsync(response, options.SecondaryRateLimitWait, timeProvider, args.Context.CancellationToken);
                if (verdict.IsRateLimited)
                {
                    return verdict.Wait;
                }
            }

            return null;
        };
        resilience.Retry.OnRetry = args =>
        {
            var path = args.Context.GetRequestMessage()?.RequestUri?.AbsolutePath ?? "?";
            var reason = args.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "unknown";
            LogRetrying(logger, path, reason, args.AttemptNumber + 1, retries, args.RetryDelay);
            return ValueTask.CompletedTask;
        };

        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = (options.AttemptTimeout + options.MaxRateLimitWait + options.SecondaryRateLimitWait) * (retries + 1);
        var sampling = options.AttemptTimeout * 2;
        resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "GitHub request {Path} failed ({Reason}); retry {Attempt} of {MaxAttempts} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string path, string reason, int attempt, int maxAttempts, TimeSpan delay);
}

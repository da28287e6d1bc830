using System.Net;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace CopilotIngest.GitHub.Reports;

/// <summary>
/// The standard resilience pipeline for downloads: 5xx, 408, 429, timeouts and dropped connections back off
/// exponentially; <c>Retry-After</c> is honoured up to <see cref="GitHubOptions.MaxRateLimitWait"/>. A refused link
/// (403, 404, 410) is not retried here: only fresh links help, which the reader asks GitHub for.
/// </summary>
internal static partial class ReportDownloadResilience
{
    public static void Configure(HttpStandardResilienceOptions resilience, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<ReportDownloadClient>();
        var retries = Math.Max(1, options.MaxRetries);

        resilience.Retry.MaxRetryAttempts = retries;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = options.RetryBaseDelay;
        resilience.Retry.MaxDelay = options.MaxRateLimitWait + TimeSpan.FromMinutes(1);
        resilience.Retry.ShouldRetryAfterHeader = false;
        resilience.Retry.ShouldHandle = args =>
        {
            if (args.Outcome.Result is { } response && WaitAsked(response, timeProvider) is { } wait && wait > options.MaxRateLimitWait)
            {
                return ValueTask.FromResult(false);
            }

            return ValueTask.FromResult(!args.Context.CancellationToken.IsCancellationRequested && HttpClientResiliencePredicates.IsTransient(args.Outcome));
        };
        resilience.Retry.DelayGenerator = args =>
            ValueTask.FromResult(args.Outcome.Result is { } response ? WaitAsked(response, timeProvider) : null);
        resilience.Retry.OnRetry = args =>
        {
            var path = args.Context.GetRequestMessage()?.RequestUri is { } uri ? ReportFileLabel.Where(uri) : "?";
            var reason = args.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "unknown";
            LogRetrying(logger, path, reason, args.AttemptNumber + 1, retries, args.RetryDelay);
            return ValueTask.CompletedTask;
        };

        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = (options.AttemptTimeout + options.MaxRateLimitWait) * (retries + 1);
        var sampling = options.AttemptTimeout * 2;
        resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
    }

    private static TimeSpan? WaitAsked(HttpResponseMessage response, TimeProvider timeProvider) =>
        response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            ? RetryAfter.FromRetryAfter(response.Headers, timeProvider)
            : null;

    [LoggerMessage(EventId = 132, Level = LogLevel.Warning, Message = "Report download {Path} failed ({Reason}); retry {Attempt} of {MaxAttempts} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string path, string reason, int attempt, int maxAttempts, TimeSpan delay);
}

using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace CopilotIngest.Core.Http;

/// <summary>
/// The one shape of the standard resilience pipeline for every API: 5xx, 408, 429, timeouts and dropped connections
/// back off exponentially with jitter; a wait the server asks for is honoured exactly, up to
/// <see cref="ResiliencePolicy.MaxServerWait"/>, and logged when it starts. A longer wait is not retried (the call
/// returns the answer, and the caller reports it naming the setting) rather than sleeping past a scheduled job's deadline.
/// </summary>
public static partial class StandardResilience
{
    public static void Configure(HttpStandardResilienceOptions resilience, ResiliencePolicy policy, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(logger);
        var retries = policy.Retries;

        resilience.Retry.MaxRetryAttempts = retries;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = policy.BaseDelay;
        resilience.Retry.MaxDelay = policy.MaxServerWait > policy.BaseDelay ? policy.MaxServerWait : policy.BaseDelay;
        resilience.Retry.ShouldRetryAfterHeader = false;
        resilience.Retry.ShouldHandle = async args =>
        {
            if (args.Context.CancellationToken.IsCancellationRequested)
            {
                return false;
            }

            if (args.Outcome.Result is { } response && await policy.ServerWait(response, args.Context.CancellationToken) is { } wait)
            {
                if (wait <= policy.MaxServerWait)
                {
                    return true;
                }

                LogWaitRefused(logger, policy.Service, policy.Describe(args.Context.GetRequestMessage()), (int)response.StatusCode, wait, policy.MaxServerWait, policy.MaxServerWaitSetting);
                return false;
            }

            return HttpClientResiliencePredicates.IsTransient(args.Outcome);
        };
        resilience.Retry.DelayGenerator = async args =>
            args.Outcome.Result is { } response ? await policy.ServerWait(response, args.Context.CancellationToken) : null;
        resilience.Retry.OnRetry = args =>
        {
            var path = policy.Describe(args.Context.GetRequestMessage());
            var reason = args.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : Reason(args.Outcome.Exception);
            LogRetrying(logger, policy.Service, path, reason, args.AttemptNumber + 1, retries, args.RetryDelay);
            return ValueTask.CompletedTask;
        };

        resilience.AttemptTimeout.Timeout = policy.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = policy.EffectiveTotalTimeout;
        var sampling = policy.AttemptTimeout * 2;
        resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
    }

    private static string Reason(Exception? exception) => exception switch
    {
        null => "unknown",
        Polly.Timeout.TimeoutRejectedException => "no answer in time",
        HttpRequestException http when http.HttpRequestError != HttpRequestError.Unknown => $"{nameof(HttpRequestException)}: {http.HttpRequestError}",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(EventId = 91, Level = LogLevel.Warning, Message = "{Service} request {Path} failed ({Reason}); retry {Attempt} of {MaxAttempts} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string service, string path, string reason, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 92, Level = LogLevel.Warning, Message = "{Service} answered {Path} with {Status} and asked to wait {Wait}, longer than {Setting} ({MaxWait}); not waiting")]
    private static partial void LogWaitRefused(ILogger logger, string service, string path, int status, TimeSpan wait, TimeSpan maxWait, string setting);
}

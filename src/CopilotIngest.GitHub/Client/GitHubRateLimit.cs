using System.Net;
using System.Net.Http.Headers;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Json;

namespace CopilotIngest.GitHub.Client;

/// <summary>
/// Tells GitHub's rate-limit 403/429 apart from a permission 403, following GitHub's guidance: <c>retry-after</c>
/// → wait that; <c>x-ratelimit-remaining: 0</c> → wait until <c>x-ratelimit-reset</c>; a secondary-limit
/// message without either → wait at least a minute.
/// </summary>
internal static class GitHubRateLimit
{
    public static RateLimitVerdict Classify(HttpStatusCode status, HttpResponseHeaders headers, string? message, TimeSpan secondaryWait, TimeProvider timeProvider)
    {
        if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return RateLimitVerdict.NotLimited;
        }

        if (RetryAfter.FromRetryAfter(headers, timeProvider) is { } retryAfter)
        {
            return new RateLimitVerdict(true, retryAfter, "retry-after");
        }

        if (RetryAfter.RateLimitRemaining(headers) == 0)
        {
            return RetryAfter.FromRateLimitReset(headers, timeProvider) is { } reset
                ? new RateLimitVerdict(true, reset, "x-ratelimit-remaining: 0")
                : new RateLimitVerdict(true, secondaryWait, "x-ratelimit-remaining: 0 without a reset time");
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            return new RateLimitVerdict(true, secondaryWait, "429 without a wait time");
        }

        return message is not null && message.Contains("rate limit", StringComparison.OrdinalIgnoreCase)
            ? new RateLimitVerdict(true, secondaryWait, "secondary rate limit")
            : RateLimitVerdict.NotLimited;
    }

    /// <summary>Classifies a response whose body has been buffered (see <see cref="ResponseBufferingHandler"/>).</summary>
    public static async ValueTask<RateLimitVerdict> ClassifyAsync(HttpResponseMessage response, TimeSpan secondaryWait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return RateLimitVerdict.NotLimited;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return Classify(response.StatusCode, response.Headers, GitHubPayload.TryReadErrorMessage(body), secondaryWait, timeProvider);
    }
}

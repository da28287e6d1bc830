using System.Net;
using CopilotIngest.Core.Http;

namespace CopilotIngest.Port.Http;

/// <summary>
/// The wait before a retry that Port asked for: <c>Retry-After</c> wins; without it <c>x-ratelimit-reset</c> when the
/// answer is 429 or the window is used up. Null means "no instruction": the exponential back-off applies. Only answers
/// that are retried at all (429, 408, 5xx) carry an instruction.
/// </summary>
internal static class PortRetryDelay
{
    public static TimeSpan? From(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        if (response is null || !IsRetried(response.StatusCode))
        {
            return null;
        }

        if (RetryAfter.FromRetryAfter(response.Headers, timeProvider) is { } asked)
        {
            return asked;
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests || RetryAfter.RateLimitRemaining(response.Headers) is <= 0
            ? RetryAfter.FromRateLimitReset(response.Headers, timeProvider)
            : null;
    }

    private static bool IsRetried(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;
}

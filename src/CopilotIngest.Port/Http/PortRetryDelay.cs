using System.Net;
using CopilotIngest.Core.Http;

namespace CopilotIngest.Port.Http;

/// <summary>
/// The wait before a retry that Port asked for: <c>Retry-After</c>, else <c>x-ratelimit-reset</c> when the answer is 429
/// or the window is used up. Null means "no instruction": the exponential back-off applies.
/// </summary>
internal static class PortRetryDelay
{
    public static TimeSpan? From(HttpResponseMessage? response, TimeProvider timeProvider, TimeSpan max)
    {
        if (response is null)
        {
            return null;
        }

        var wait = RetryAfter.FromRetryAfter(response.Headers, timeProvider);
        if (wait is null && (response.StatusCode == HttpStatusCode.TooManyRequests || RetryAfter.RateLimitRemaining(response.Headers) is <= 0))
        {
            wait = RetryAfter.FromRateLimitReset(response.Headers, timeProvider);
        }

        return wait is { } value && value > max ? max : wait;
    }
}

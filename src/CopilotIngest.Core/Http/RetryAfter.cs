using System.Globalization;
using System.Net.Http.Headers;

namespace CopilotIngest.Core.Http;

/// <summary>Reads how long a server asked us to wait: <c>Retry-After</c> (seconds or HTTP date) and <c>x-ratelimit-reset</c>.</summary>
public static class RetryAfter
{
    /// <summary>Values above this are read as epoch seconds, below as seconds to wait (Port's own tools disagree on which it is).</summary>
    private const long EpochThreshold = 10_000_000;

    public static TimeSpan? FromRetryAfter(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Reads <c>x-ratelimit-reset</c> given either as UTC epoch seconds or as seconds until the reset.</summary>
    public static TimeSpan? FromRateLimitReset(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        if (!headers.TryGetValues("x-ratelimit-reset", out var values))
        {
            return null;
        }

        var text = values.FirstOrDefault();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
        {
            return null;
        }

        if (number > EpochThreshold)
        {
            var wait = DateTimeOffset.FromUnixTimeMilliseconds((long)(number * 1000)) - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return TimeSpan.FromSeconds(number);
    }

    /// <summary>Reads <c>x-ratelimit-remaining</c>; null when absent or unreadable.</summary>
    public static long? RateLimitRemaining(HttpResponseHeaders headers) =>
        headers.TryGetValues("x-ratelimit-remaining", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
            ? remaining
            : null;
}

namespace CopilotIngest.LocalPort.Http;

/// <summary>The state of the rate-limit window after counting one request.</summary>
internal readonly record struct RateLimitState(int Limit, int Remaining, long ResetEpochSeconds, int PeriodSeconds, bool Exceeded, TimeSpan UntilReset);

/// <summary>
/// A fixed-window request counter, like Port's per-organization limit (requests per period). Windows are aligned to
/// whole multiples of the period since the Unix epoch, so the reset reported in whole epoch seconds
/// (<c>x-ratelimit-reset</c>) is the window's true end: a client that waits for it loses no time, however short the period.
/// </summary>
internal sealed class RateLimitWindow(int limit, TimeSpan period, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _count;
    private long _requests;
    private long _rejected;

    /// <summary>Requests counted so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests answered 429 because the window was used up.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public RateLimitState Hit()
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (now >= _windowEnd)
            {
                var periodTicks = period.Ticks;
                var sinceEpoch = (now - DateTimeOffset.UnixEpoch).Ticks;
                _windowEnd = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(((sinceEpoch / periodTicks) + 1) * periodTicks);
                _count = 0;
            }

            _count++;
            _requests++;
            if (_count > limit)
            {
                _rejected++;
            }

            return new RateLimitState(
                limit,
                Math.Max(0, limit - _count),
                (long)Math.Ceiling(_windowEnd.ToUnixTimeMilliseconds() / 1000.0),
                (int)Math.Ceiling(period.TotalSeconds),
                _count > limit,
                _windowEnd - now);
        }
    }
}

namespace CopilotIngest.Simulation.GitHub;

/// <summary>GitHub's primary rate limit: a fixed number of requests per hour-long window starting at the first request.</summary>
internal sealed class RateLimitWindow(int limit, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _reset;
    private int _used;

    public int Limit => limit;

    /// <summary>Counts one request; returns the state after it and whether it was allowed.</summary>
    public (bool Allowed, int Remaining, int Used, long ResetEpochSeconds) Take()
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (now >= _reset)
            {
                _reset = now.AddHours(1);
                _used = 0;
            }

            var allowed = _used < limit;
            if (allowed)
            {
                _used++;
            }

            return (allowed, limit - _used, _used, _reset.ToUnixTimeSeconds());
        }
    }
}

namespace CopilotIngest.M365.Configuration;

/// <summary>
/// Retry and timeout tuning of the Graph and Entra ID calls. Not environment settings: defaults suit production, and
/// tests shorten them. Kept apart from <see cref="M365Options"/> so that building the HTTP pipelines never trips
/// the settings validation a second time.
/// </summary>
public sealed class M365TransportOptions
{
    /// <summary>Base delay of the exponential retry (429 and 503 use Retry-After instead).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Longest wait for the response headers of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Longest time for one request including every retry and Retry-After wait; null: every attempt plus the longest honoured wait.</summary>
    public TimeSpan? TotalRequestTimeout { get; set; }

    /// <summary>
    /// <c>M365_MAX_RATE_LIMIT_WAIT</c>: the longest <c>Retry-After</c> (429, 503) honoured. A longer one is not waited
    /// for: the call fails at once with a message naming the setting.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(M365Settings.DefaultMaxRateLimitWaitSeconds);

    /// <summary>Longest time to read one report body (a large tenant's CSV is streamed).</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(30);
}

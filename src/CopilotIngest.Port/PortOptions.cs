namespace CopilotIngest.Port;

/// <summary>
/// How to reach Port's API. The first four come from <c>PORT_CLIENT_ID</c>, <c>PORT_CLIENT_SECRET</c>,
/// <c>PORT_BASE_URL</c> and <c>PORT_MAX_CONCURRENCY</c>; the rest are tuning knobs with production defaults.
/// </summary>
public sealed class PortOptions
{
    public const string DefaultBaseUrl = "https://api.getport.io";

    public const int DefaultMaxConcurrency = 4;

    public const int DefaultAttemptTimeoutSeconds = 30;

    public const int DefaultMaxRateLimitWaitSeconds = 300;

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>How many bulk calls run at once.</summary>
    public int MaxConcurrency { get; set; } = DefaultMaxConcurrency;

    /// <summary><c>EXTRA_CA_CERT</c>: a PEM file trusted in addition to the system store.</summary>
    public string? ExtraCaCertificatePath { get; set; }

    /// <summary>Retries after the first attempt for 408, 429, 5xx, timeouts and dropped connections.</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>Base of the exponential back-off (with jitter) when Port gives no <c>Retry-After</c>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>PORT_ATTEMPT_TIMEOUT</c>: time allowed for one attempt, answer body included (a 20-entity bulk call can be slow).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(DefaultAttemptTimeoutSeconds);

    /// <summary>Time allowed for one call including every retry and wait; null: every attempt plus the longest honoured wait.</summary>
    public TimeSpan? TotalRequestTimeout { get; set; }

    /// <summary>
    /// <c>PORT_MAX_RATE_LIMIT_WAIT</c>: the longest wait Port may ask for (<c>Retry-After</c>, or <c>x-ratelimit-reset</c>
    /// once the window is used up). A longer one is not waited for: the calls fail with a message naming the setting.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(DefaultMaxRateLimitWaitSeconds);

    /// <summary>How long before its expiry an access token is replaced.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest answer read from Port.</summary>
    public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Problems found while reading the settings (e.g. a non-numeric <c>PORT_MAX_CONCURRENCY</c>), reported by validation.</summary>
    internal List<string> SettingErrors { get; } = [];
}

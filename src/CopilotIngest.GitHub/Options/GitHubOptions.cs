using CopilotIngest.Core.Privacy;

namespace CopilotIngest.GitHub.Options;

/// <summary>
/// GitHub settings: which organizations and enterprise to read, with which token, from which API host.
/// Filled from the flat environment names by <see cref="GitHubOptionsReader"/>; the tuning values below have
/// production defaults and are not environment settings.
/// </summary>
public sealed class GitHubOptions
{
    public const string DefaultApiUrl = "https://api.github.com";
    public const int DefaultInactiveDays = 30;
    public const int DefaultUsageLookbackDays = 28;
    public const int MaxUsageLookbackDays = 365;
    public const double DefaultDeleteThreshold = 0.2;
    public const int DefaultMaxRateLimitWaitSeconds = 900;

    /// <summary><c>INGEST_GITHUB</c>: when false nothing GitHub is validated or run.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>GITHUB_TOKEN</c>: a classic (or fine-grained) personal access token. Never logged. With a GitHub App configured it
    /// is used only where installation tokens cannot read (the enterprise seat listing).
    /// </summary>
    public string? Token { get; set; }

    /// <summary><c>GITHUB_ORGS</c>: organization logins, in the configured order, without duplicates.</summary>
    public IReadOnlyList<string> Organizations { get; set; } = [];

    /// <summary><c>GITHUB_ENTERPRISE</c>: the enterprise slug, or null for none.</summary>
    public string? Enterprise { get; set; }

    /// <summary><c>GITHUB_API_URL</c>: the REST API root (GHE.com: <c>https://api.SUBDOMAIN.ghe.com</c>).</summary>
    public string ApiUrl { get; set; } = DefaultApiUrl;

    /// <summary><c>GITHUB_INACTIVE_DAYS</c>: a seat without Copilot activity for this many days counts as inactive.</summary>
    public int InactiveDays { get; set; } = DefaultInactiveDays;

    /// <summary><c>GITHUB_USAGE_LOOKBACK_DAYS</c>: how many days up to the newest published one each run makes sure Port holds.</summary>
    public int UsageLookbackDays { get; set; } = DefaultUsageLookbackDays;

    /// <summary><c>GITHUB_USER_METRICS</c>: write one rolling 28-day summary per user and scope.</summary>
    public bool UserMetrics { get; set; }

    /// <summary><c>GITHUB_TEAM_METRICS</c>: write one entity per team per day.</summary>
    public bool TeamMetrics { get; set; }

    /// <summary><c>GITHUB_REPO_METRICS</c>: write one entity per repository per day from the <c>repos-1-day</c> report.</summary>
    public bool RepoMetrics { get; set; }

    /// <summary><c>GITHUB_REPO_METRICS_PRIVATE</c>: false leaves private repositories (and those whose visibility GitHub does not say) out.</summary>
    public bool RepoMetricsPrivate { get; set; } = true;

    /// <summary><c>GITHUB_SEAT_DETAILS</c>: write one entity per assigned seat (the reclaim list).</summary>
    public bool SeatDetails { get; set; }

    /// <summary><c>PRIVACY_MODE</c> as the GitHub source sees it: <see cref="PrivacyMode.Aggregate"/> refuses the per-person data sets.</summary>
    public PrivacyMode PrivacyMode { get; set; } = PrivacyMode.Plain;

    /// <summary><c>GITHUB_BILLING_USAGE</c>: write one entity per scope and day with the premium request billing usage.</summary>
    public bool BillingUsage { get; set; }

    /// <summary><c>GITHUB_AI_CREDITS</c>: sum <c>ai_credits_used</c> of the users-1-day report onto each day of <c>github_copilot_usage</c>.</summary>
    public bool AiCredits { get; set; }

    /// <summary>Complete UTC days of billing usage each run reads (GitHub corrects recent days late).</summary>
    public int BillingLookbackDays { get; set; } = 7;

    /// <summary><c>GITHUB_DELETE_THRESHOLD</c>: the largest share of a snapshot set (users, seats) one run may delete.</summary>
    public double DeleteThreshold { get; set; } = DefaultDeleteThreshold;

    /// <summary><c>GITHUB_APP_ID</c>: the GitHub App's id (or client ID), the JWT's <c>iss</c>; null for no App.</summary>
    public string? AppId { get; set; }

    /// <summary>
    /// <c>GITHUB_APP_PRIVATE_KEY</c> (or the file named by <c>GITHUB_APP_PRIVATE_KEY_FILE</c>): the App's private key, PEM
    /// (PKCS#1 or PKCS#8). Never logged.
    /// </summary>
    public string? AppPrivateKey { get; set; }

    /// <summary><c>GITHUB_APP_INSTALLATION_ID</c>: one installation for every organization; null looks it up per organization.</summary>
    public long? AppInstallationId { get; set; }

    /// <summary>True when a GitHub App authenticates (<c>GITHUB_APP_ID</c> is set).</summary>
    public bool UsesApp => AppId is not null;

    /// <summary>Refresh an installation token this long before GitHub's <c>expires_at</c>.</summary>
    public TimeSpan InstallationTokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>EXTRA_CA_CERT</c>: a PEM file trusted in addition to the system store.</summary>
    public string? ExtraCaCertPath { get; set; }

    /// <summary>Retries after a transient failure (5xx, timeout, dropped connection, rate limit).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off delay after a 5xx, timeout or dropped connection; grows exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one request (headers and body) may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after a secondary rate limit that names no wait of its own (GitHub asks for at least a minute).</summary>
    public TimeSpan SecondaryRateLimitWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>GITHUB_MAX_RATE_LIMIT_WAIT</c>: longest rate-limit wait accepted; a reset further away stops the scope with a message instead.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(DefaultMaxRateLimitWaitSeconds);

    /// <summary>Largest response body accepted; a seats page of 100 is a few hundred KiB.</summary>
    public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Longest NDJSON line accepted from a report file; longer lines are reported and skipped.</summary>
    public int MaxReportLineBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How long downloading one report file may take, headers and body.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Days in a row that may fail for one scope before the rest of its days are left to the next run.</summary>
    public int MaxConsecutiveDayFailures { get; set; } = 3;

    /// <summary>Problems found while reading the settings (unparsable values), reported by the validator.</summary>
    internal List<string> SettingErrors { get; } = [];

    internal Uri ApiBaseUri => Core.Http.BaseUrl.Parse(ApiUrl);
}

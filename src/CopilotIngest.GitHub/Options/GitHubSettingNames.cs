namespace CopilotIngest.GitHub.Options;

/// <summary>The environment variable names this library reads (DESIGN §7).</summary>
public static class GitHubSettingNames
{
    public const string Ingest = "INGEST_GITHUB";
    public const string Token = "GITHUB_TOKEN";
    public const string Organizations = "GITHUB_ORGS";
    public const string Enterprise = "GITHUB_ENTERPRISE";
    public const string ApiUrl = "GITHUB_API_URL";
    public const string InactiveDays = "GITHUB_INACTIVE_DAYS";
    public const string UsageLookbackDays = "GITHUB_USAGE_LOOKBACK_DAYS";
    public const string UserMetrics = "GITHUB_USER_METRICS";
    public const string TeamMetrics = "GITHUB_TEAM_METRICS";
    public const string SeatDetails = "GITHUB_SEAT_DETAILS";
    public const string RepoMetrics = "GITHUB_REPO_METRICS";
    public const string RepoMetricsPrivate = "GITHUB_REPO_METRICS_PRIVATE";
    public const string BillingUsage = "GITHUB_BILLING_USAGE";
    public const string AiCredits = "GITHUB_AI_CREDITS";
    public const string DeleteThreshold = "GITHUB_DELETE_THRESHOLD";
    public const string AppId = "GITHUB_APP_ID";
    public const string AppPrivateKey = "GITHUB_APP_PRIVATE_KEY";
    public const string AppPrivateKeyFile = "GITHUB_APP_PRIVATE_KEY_FILE";
    public const string AppInstallationId = "GITHUB_APP_INSTALLATION_ID";
    public const string ExtraCaCert = "EXTRA_CA_CERT";
    public const string MaxRateLimitWait = "GITHUB_MAX_RATE_LIMIT_WAIT";
}

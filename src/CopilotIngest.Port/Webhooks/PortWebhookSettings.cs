namespace CopilotIngest.Port.Webhooks;

/// <summary>The settings of the webhook path (<c>USE_PORT_WEBHOOK=true</c>): the shared secret and one ingest URL per data set.</summary>
public static class PortWebhookSettings
{
    public const string Use = "USE_PORT_WEBHOOK";
    public const string Secret = "PORT_WEBHOOK_SECRET";
    public const string UrlGitHubSeats = "PORT_WEBHOOK_URL_GITHUB_SEATS";
    public const string UrlGitHubUsage = "PORT_WEBHOOK_URL_GITHUB_USAGE";
    public const string UrlGitHubUsers = "PORT_WEBHOOK_URL_GITHUB_USERS";
    public const string UrlGitHubTeams = "PORT_WEBHOOK_URL_GITHUB_TEAMS";
    public const string UrlGitHubSeatDetails = "PORT_WEBHOOK_URL_GITHUB_SEAT_DETAILS";
    public const string UrlGitHubRepos = "PORT_WEBHOOK_URL_GITHUB_REPOS";
    public const string UrlGitHubBilling = "PORT_WEBHOOK_URL_GITHUB_BILLING";
    public const string UrlM365Summary = "PORT_WEBHOOK_URL_M365_SUMMARY";
    public const string UrlM365Users = "PORT_WEBHOOK_URL_M365_USERS";
    public const string UrlM365Trend = "PORT_WEBHOOK_URL_M365_TREND";

    /// <summary>Shortest secret accepted: HMAC keys shorter than this are guessable.</summary>
    public const int MinimumSecretLength = 16;
}

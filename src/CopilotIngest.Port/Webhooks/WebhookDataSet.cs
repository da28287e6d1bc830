namespace CopilotIngest.Port.Webhooks;

/// <summary>One data set the worker can deliver through a Port webhook: its name, the blueprint it writes and the setting holding its ingest URL.</summary>
public sealed record WebhookDataSet(string Name, string Blueprint, string UrlSetting)
{
    /// <summary>Every data set the worker ingests, in the order of the run.</summary>
    public static IReadOnlyList<WebhookDataSet> All { get; } =
    [
        new("github_seats", "github_copilot_seats", PortWebhookSettings.UrlGitHubSeats),
        new("github_usage", "github_copilot_usage", PortWebhookSettings.UrlGitHubUsage),
        new("github_users", "github_copilot_user", PortWebhookSettings.UrlGitHubUsers),
        new("github_teams", "github_copilot_team_usage", PortWebhookSettings.UrlGitHubTeams),
        new("github_seat_details", "github_copilot_seat", PortWebhookSettings.UrlGitHubSeatDetails),
        new("github_repos", "github_copilot_repo_usage", PortWebhookSettings.UrlGitHubRepos),
        new("github_billing", "github_copilot_billing", PortWebhookSettings.UrlGitHubBilling),
        new("m365_summary", "m365_copilot_usage_summary", PortWebhookSettings.UrlM365Summary),
        new("m365_users", "m365_copilot_user", PortWebhookSettings.UrlM365Users),
        new("m365_trend", "m365_copilot_usage_trend", PortWebhookSettings.UrlM365Trend),
    ];

    /// <summary>The mapping file of this data set, relative to the mappings folder.</summary>
    public string MappingFile => $"webhook_{Name}.json";

    public static WebhookDataSet? ForName(string name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    public static WebhookDataSet? ForBlueprint(string blueprint) => All.FirstOrDefault(d => string.Equals(d.Blueprint, blueprint, StringComparison.Ordinal));
}

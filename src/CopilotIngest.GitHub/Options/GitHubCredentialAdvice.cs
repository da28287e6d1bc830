namespace CopilotIngest.GitHub.Options;

/// <summary>
/// Which data set needs which token, checked from the settings before any call. These are warnings, not errors:
/// GitHub's documentation is not settled on them (the enterprise seat listing is documented for classic PATs only,
/// fine-grained PATs on the enterprise reports inconsistently), so the run still tries and reports a refusal per data set.
/// </summary>
public static class GitHubCredentialAdvice
{
    public const string FineGrainedPrefix = "github_pat_";

    internal const string EnterpriseSeatsClassicPat = "a classic PAT with manage_billing:copilot or read:enterprise, owned by an enterprise owner or billing manager";

    public static IReadOnlyList<string> Warnings(GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>();
        if (!options.Enabled)
        {
            return warnings;
        }

        var seatDataSets = SeatDataSets(options);
        var fineGrained = options.Token?.StartsWith(FineGrainedPrefix, StringComparison.Ordinal) == true;
        if (options.Enterprise is { } enterprise)
        {
            if (options.UsesApp && options.Token is null)
            {
                warnings.Add($"{seatDataSets} for enterprise {enterprise} needs {GitHubSettingNames.Token} ({EnterpriseSeatsClassicPat}): GitHub documents that GitHub App installation tokens cannot list enterprise seats. This run tries the App's enterprise installation; set {GitHubSettingNames.Token} if GitHub refuses it.");
            }
            else if (fineGrained)
            {
                warnings.Add($"{seatDataSets} for enterprise {enterprise} needs {GitHubSettingNames.Token} to be {EnterpriseSeatsClassicPat}: GitHub documents that fine-grained personal access tokens ({FineGrainedPrefix}…) cannot list enterprise seats.");
            }

            if (fineGrained && !options.UsesApp)
            {
                warnings.Add($"github_usage for enterprise {enterprise} reads the enterprise usage-metrics reports, which GitHub's documentation lists both with and without fine-grained personal access token support; if GitHub refuses them, use a classic PAT with manage_billing:copilot or read:enterprise, or a GitHub App installed on the enterprise ({GitHubSettingNames.AppId}).");
            }
        }

        if (options.UsesApp && options.Token is not null && options.Enterprise is null)
        {
            warnings.Add($"{GitHubSettingNames.Token} is set but not used: with {GitHubSettingNames.AppId} the GitHub App authenticates every organization request; {GitHubSettingNames.Token} only serves the enterprise seat listing ({GitHubSettingNames.Enterprise}).");
        }

        return warnings;
    }

    private static string SeatDataSets(GitHubOptions options)
    {
        List<string> names = ["github_seats"];
        if (options.SeatDetails)
        {
            names.Add("github_seat_details");
        }

        if (options.UserMetrics)
        {
            names.Add("github_users");
        }

        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1];
    }
}

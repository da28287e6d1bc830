using System.Globalization;
using CopilotIngest.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.GitHub.Options;

/// <summary>Fills <see cref="GitHubOptions"/> from the flat environment names; unparsable values are kept as errors for the validator.</summary>
internal static class GitHubOptionsReader
{
    public static void Read(IConfiguration configuration, GitHubOptions options)
    {
        var errors = options.SettingErrors;
        options.Enabled = configuration.GetBool(GitHubSettingNames.Ingest, true, errors);
        options.Token = configuration.GetSetting(GitHubSettingNames.Token);
        options.Organizations = configuration.GetList(GitHubSettingNames.Organizations)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        options.Enterprise = configuration.GetSetting(GitHubSettingNames.Enterprise);
        options.ApiUrl = configuration.GetSetting(GitHubSettingNames.ApiUrl) ?? GitHubOptions.DefaultApiUrl;
        options.InactiveDays = configuration.GetInt(GitHubSettingNames.InactiveDays, GitHubOptions.DefaultInactiveDays, 1, 365, errors);
        options.MaxRateLimitWait = TimeSpan.FromSeconds(configuration.GetInt(GitHubSettingNames.MaxRateLimitWait, GitHubOptions.DefaultMaxRateLimitWaitSeconds, 0, 3600, errors));
        options.UsageLookbackDays = configuration.GetInt(GitHubSettingNames.UsageLookbackDays, GitHubOptions.DefaultUsageLookbackDays, 1, GitHubOptions.MaxUsageLookbackDays, errors);
        options.UserMetrics = configuration.GetBool(GitHubSettingNames.UserMetrics, false, errors);
        options.TeamMetrics = configuration.GetBool(GitHubSettingNames.TeamMetrics, false, errors);
        options.SeatDetails = configuration.GetBool(GitHubSettingNames.SeatDetails, false, errors);
        options.DeleteThreshold = configuration.GetShare(GitHubSettingNames.DeleteThreshold, GitHubOptions.DefaultDeleteThreshold, errors);
        options.AppIdConfigured = configuration.GetSetting(GitHubSettingNames.AppId) is not null;
        options.ExtraCaCertPath = configuration.GetSetting(GitHubSettingNames.ExtraCaCert);
    }
}

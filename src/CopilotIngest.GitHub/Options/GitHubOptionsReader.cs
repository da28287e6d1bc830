using System.Globalization;
using CopilotIngest.Core.Configuration;
using CopilotIngest.Core.Privacy;
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
        options.RepoMetrics = configuration.GetBool(GitHubSettingNames.RepoMetrics, false, errors);
        options.RepoMetricsPrivate = configuration.GetBool(GitHubSettingNames.RepoMetricsPrivate, true, errors);
        options.SeatDetails = configuration.GetBool(GitHubSettingNames.SeatDetails, false, errors);
        options.BillingUsage = configuration.GetBool(GitHubSettingNames.BillingUsage, false, errors);
        options.AiCredits = configuration.GetBool(GitHubSettingNames.AiCredits, false, errors);
        options.DeleteThreshold = configuration.GetShare(GitHubSettingNames.DeleteThreshold, GitHubOptions.DefaultDeleteThreshold, errors);
        options.AppId = configuration.GetSetting(GitHubSettingNames.AppId);
        options.AppPrivateKey = configuration.GetSetting(GitHubSettingNames.AppPrivateKey) ?? ReadKeyFile(configuration, errors);
        options.AppInstallationId = ReadInstallationId(configuration, errors);
        options.ExtraCaCertPath = configuration.GetSetting(GitHubSettingNames.ExtraCaCert);

        // The shared privacy options report an unreadable PRIVACY_MODE; here it only decides which data sets may run.
        options.PrivacyMode = configuration.GetEnum(PrivacyOptions.ModeSetting, PrivacyMode.Plain, new List<string>());
    }

    /// <summary>The CLI resolves <c>*_FILE</c> settings before this runs; a host that does not is served here.</summary>
    private static string? ReadKeyFile(IConfiguration configuration, List<string> errors)
    {
        var path = configuration.GetSetting(GitHubSettingNames.AppPrivateKeyFile);
        if (path is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{GitHubSettingNames.AppPrivateKeyFile} points to '{path}', which cannot be read: {ex.Message}");
            return null;
        }
    }

    private static long? ReadInstallationId(IConfiguration configuration, List<string> errors)
    {
        var text = configuration.GetSetting(GitHubSettingNames.AppInstallationId);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        errors.Add($"{GitHubSettingNames.AppInstallationId} must be the installation's number (the digits at the end of https://github.com/organizations/ORG/settings/installations/ID), got '{text}'.");
        return null;
    }
}

using System.Text.RegularExpressions;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Privacy;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Options;

/// <summary>Checks the GitHub settings and reports every problem at once, each naming its environment variable.</summary>
internal sealed partial class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    internal const string OrgPermissionHint = "a classic PAT with manage_billing:copilot or read:org, owned by an organization owner";
    internal const string OrgMetricsPermissionHint = "a classic PAT with read:org, owned by an organization owner or a member with the 'View organization Copilot metrics' role, and the organization's 'Copilot usage metrics' policy enabled";
    internal const string EnterpriseMetricsPermissionHint = "a classic PAT with manage_billing:copilot or read:enterprise, owned by an enterprise owner or billing manager, and the enterprise's 'Copilot usage metrics' policy set to 'Enabled everywhere'";
    internal const string OrgBillingUsagePermissionHint = "a token of an organization owner or billing manager (a GitHub App or fine-grained token with the organization permission 'Administration' (read)), and the organization on GitHub's enhanced billing platform";
    internal const string EnterpriseBillingUsagePermissionHint = "a classic PAT of an enterprise owner or billing manager (GitHub App and fine-grained tokens cannot read an enterprise's billing usage)";
    internal const string EnterprisePermissionHint = "a classic PAT with manage_billing:copilot or read:enterprise, owned by an enterprise owner or billing manager";

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$")]
    private static partial Regex OrganizationLogin();

    [GeneratedRegex("^(?:[0-9]{1,19}|Iv[0-9A-Za-z.]{1,40})$")]
    private static partial Regex AppIdentifier();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,98}[A-Za-z0-9])?$")]
    private static partial Regex EnterpriseSlug();

    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled && options.SettingErrors.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>(options.SettingErrors);
        if (options.Enabled)
        {
            ValidateToken(options, errors);
            ValidateScopes(options, errors);
            ValidateApiUrl(options.ApiUrl, errors);
            ValidateTuning(options, errors);
            ValidatePrivacy(options, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateToken(GitHubOptions options, List<string> errors)
    {
        ValidateApp(options, errors);
        if (options.Token is null)
        {
            if (!options.UsesApp)
            {
                errors.Add($"{GitHubSettingNames.Token} is required when {GitHubSettingNames.Ingest} is true and no GitHub App is configured ({GitHubSettingNames.AppId}): {OrgPermissionHint} (read:enterprise for {GitHubSettingNames.Enterprise}).");
            }

            return;
        }

        if (options.Token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || options.Token.StartsWith("token ", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{GitHubSettingNames.Token} must hold the token alone, without a 'Bearer ' or 'token ' prefix.");
        }
        else if (options.Token.Any(char.IsWhiteSpace))
        {
            errors.Add($"{GitHubSettingNames.Token} contains white space, but a GitHub token is a single word (check the file or secret it comes from).");
        }
    }

    private static void ValidateApp(GitHubOptions options, List<string> errors)
    {
        if (!options.UsesApp)
        {
            if (options.AppPrivateKey is not null || options.AppInstallationId is not null)
            {
                errors.Add($"{(options.AppPrivateKey is not null ? GitHubSettingNames.AppPrivateKey : GitHubSettingNames.AppInstallationId)} is set but {GitHubSettingNames.AppId} is not: set {GitHubSettingNames.AppId} to the App's id (the App's settings page, 'App ID') to authenticate as the GitHub App.");
            }

            return;
        }

        if (!AppIdentifier().IsMatch(options.AppId!))
        {
            errors.Add($"{GitHubSettingNames.AppId} must be the GitHub App's numeric App ID (or its client ID, 'Iv…'), as on the App's settings page, got '{options.AppId}'.");
        }

        if (options.AppPrivateKey is null)
        {
            errors.Add($"{GitHubSettingNames.AppPrivateKey} or {GitHubSettingNames.AppPrivateKeyFile} is required with {GitHubSettingNames.AppId}: the App's private key (.pem) from its settings page → Private keys.");
        }
        else if (Auth.GitHubAppKey.Problem(options.AppPrivateKey) is { } problem)
        {
            errors.Add(problem);
        }

        if (options.AppInstallationId is not null && options.Organizations.Count == 0)
        {
            errors.Add($"{GitHubSettingNames.AppInstallationId} is set but {GitHubSettingNames.Organizations} is empty: the installation id serves organizations; the enterprise's installation is looked up.");
        }
    }

    private static void ValidateScopes(GitHubOptions options, List<string> errors)
    {
        if (options.Organizations.Count == 0 && options.Enterprise is null)
        {
            errors.Add($"{GitHubSettingNames.Organizations} (comma-separated organization logins) or {GitHubSettingNames.Enterprise} (the enterprise slug), or both, must be set when {GitHubSettingNames.Ingest} is true.");
        }

        foreach (var organization in options.Organizations.Where(o => !OrganizationLogin().IsMatch(o)))
        {
            errors.Add($"{GitHubSettingNames.Organizations} contains '{organization}', which is not an organization login (letters, digits and single hyphens, at most 39 characters, e.g. 'acme').");
        }

        if (options.Enterprise is { } enterprise && !EnterpriseSlug().IsMatch(enterprise))
        {
            errors.Add($"{GitHubSettingNames.Enterprise} must be the enterprise slug as in https://github.com/enterprises/SLUG (e.g. 'acme'), got '{enterprise}'.");
        }
    }

    private static void ValidateApiUrl(string apiUrl, List<string> errors)
    {
        if (BaseUrl.Validate(GitHubSettingNames.ApiUrl, apiUrl) is { } problem)
        {
            errors.Add(problem);
            return;
        }

        var host = new Uri(apiUrl).Host;
        if (host.Equals("github.com", StringComparison.OrdinalIgnoreCase) || (host.EndsWith(".ghe.com", StringComparison.OrdinalIgnoreCase) && !host.StartsWith("api.", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"{GitHubSettingNames.ApiUrl} must name the API host, e.g. https://api.github.com or https://api.SUBDOMAIN.ghe.com, got '{apiUrl}'.");
        }
    }

    /// <summary>PRIVACY_MODE=aggregate writes no entity about a person: the data sets that write one per person cannot be on.</summary>
    private static void ValidatePrivacy(GitHubOptions options, List<string> errors)
    {
        if (options.PrivacyMode != PrivacyMode.Aggregate)
        {
            return;
        }

        foreach (var (setting, on, blueprint) in PersonDataSets(options))
        {
            if (on)
            {
                errors.Add($"{setting}=true writes one {blueprint} entity per person, but {PrivacyOptions.ModeSetting}=aggregate writes no entity about a person: set {setting}=false, or choose {PrivacyOptions.ModeSetting}=pseudonymize or plain.");
            }
        }
    }

    /// <summary>The GitHub data sets that write one entity per person, with the setting that turns each on.</summary>
    internal static IEnumerable<(string Setting, bool On, string Blueprint)> PersonDataSets(GitHubOptions options) =>
    [
        (GitHubSettingNames.UserMetrics, options.UserMetrics, Users.UserRollupMapper.Blueprint),
        (GitHubSettingNames.SeatDetails, options.SeatDetails, SeatDetails.SeatDetailsMapper.Blueprint),
    ];

    private static void ValidateTuning(GitHubOptions options, List<string> errors)
    {
        if (options.MaxRetries is < 1 or > 20)
        {
            errors.Add($"GitHub MaxRetries must be from 1 to 20, got {options.MaxRetries}.");
        }

        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(10) || options.AttemptTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"GitHub AttemptTimeout must be from 10 ms to 10 minutes, got {options.AttemptTimeout}.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.SecondaryRateLimitWait < TimeSpan.Zero || options.MaxRateLimitWait < TimeSpan.Zero)
        {
            errors.Add("GitHub retry delays and rate-limit waits cannot be negative.");
        }

        if (options.MaxReportLineBytes < 1024)
        {
            errors.Add($"GitHub MaxReportLineBytes must be at least 1024, got {options.MaxReportLineBytes}.");
        }

        if (options.BillingLookbackDays is < 1 or > 31)
        {
            errors.Add($"GitHub BillingLookbackDays must be from 1 to 31, got {options.BillingLookbackDays}.");
        }

        if (options.DownloadTimeout <= TimeSpan.Zero || options.MaxConsecutiveDayFailures < 1)
        {
            errors.Add("GitHub DownloadTimeout must be positive and MaxConsecutiveDayFailures at least 1.");
        }

        if (options.MaxResponseBytes < 1024)
        {
            errors.Add($"GitHub MaxResponseBytes must be at least 1024, got {options.MaxResponseBytes}.");
        }
    }
}

using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using CopilotIngest.Core.Diagnostics;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Checks;

/// <summary>
/// <c>doctor</c> for GitHub, read-only: the token (type, classic scopes), then per organization and enterprise the seat
/// listing (one seat), the usage-metrics report links (the token's role and the 'Copilot usage metrics' policy) and
/// the report download host, reached without the token as the ingestion does.
/// </summary>
internal sealed class GitHubDoctorCheck(GitHubClient client, ReportDownloadClient downloads, IOptions<GitHubOptions> options) : IDoctorCheck
{
    public const string Area = "GitHub";

    public async IAsyncEnumerable<CheckResult> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var scopes = settings.Organizations.Select(SeatScope.Organization).ToList();
        if (settings.Enterprise is { } enterprise)
        {
            scopes.Add(SeatScope.Enterprise(enterprise));
        }

        if (scopes.Count == 0)
        {
            yield return CheckResult.Problem(Area, "organizations", "none configured", $"Set {GitHubSettingNames.Organizations} and/or {GitHubSettingNames.Enterprise}.");
            yield break;
        }

        var token = await TokenAsync(settings, scopes[0], cancellationToken);
        foreach (var result in token.Results)
        {
            yield return result;
        }

        if (!token.Usable)
        {
            yield break;
        }

        var checkedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var scope in scopes)
        {
            yield return await SeatsAsync(scope, cancellationToken);
            var (policy, link) = await UsageMetricsAsync(scope, cancellationToken);
            yield return policy;
            if (link is not null && checkedHosts.Add(link.Authority))
            {
                yield return await DownloadHostAsync(scope, link, cancellationToken);
            }
        }
    }

    private async Task<(List<CheckResult> Results, bool Usable)> TokenAsync(GitHubOptions settings, SeatScope firstScope, CancellationToken cancellationToken)
    {
        var kind = GitHubTokenKind.Describe(settings.Token);
        GitHubProbe probe;
        try
        {
            probe = await client.ProbeAsync("rate_limit", firstScope, GitHubEndpoint.Seats, cancellationToken);
        }
        catch (ApiException ex)
        {
            return ([CheckResult.Problem(Area, "token", $"{kind}; GitHub at {settings.ApiUrl} could not be reached", ex.Message)], false);
        }

        if (probe.Status == HttpStatusCode.Unauthorized)
        {
            return ([CheckResult.Problem(Area, "token", $"{kind} rejected by GitHub (401): wrong, expired or revoked", $"Create a classic PAT ({string.Join("; ", GitHubScopeRequirements.For(settings).Select(r => r.Name + " for " + r.Why))}) and put it in {GitHubSettingNames.Token}.")], false);
        }

        if (probe.Problem is not null)
        {
            return ([CheckResult.Problem(Area, "token", $"{kind}; GitHub answered {(int)probe.Status}", probe.Problem)], true);
        }

        if (probe.Scopes is null)
        {
            var enterpriseNote = settings.Enterprise is null ? string.Empty : " GitHub documents enterprise seat listings for classic PATs only.";
            return ([CheckResult.Warning(
                Area,
                "token",
                $"{kind}: GitHub lists no scopes for it, so its permissions cannot be read",
                $"Fine-grained and GitHub App tokens carry permissions, not scopes; the checks below show what it can read. Organizations need 'GitHub Copilot Business' (read) and 'Organization Copilot metrics' (read).{enterpriseNote}")], true);
        }

        var results = new List<CheckResult>
        {
            CheckResult.Ok(Area, "token", $"{kind} with scopes: {(probe.Scopes.Count == 0 ? "none" : string.Join(", ", probe.Scopes))}"),
        };
        foreach (var requirement in GitHubScopeRequirements.For(settings))
        {
            var granted = requirement.AnyOf.Any(s => GitHubScopeRequirements.Grants(probe.Scopes, s));
            results.Add(granted
                ? CheckResult.Ok(Area, $"scope {requirement.Name}", $"granted ({requirement.Why})")
                : CheckResult.Problem(
                    Area,
                    $"scope {requirement.Name}",
                    $"missing: {requirement.Why} need it",
                    $"Edit the token (GitHub → Settings → Developer settings → Personal access tokens (classic)) and add {requirement.Name}, or create a new one and put it in {GitHubSettingNames.Token}."));
        }

        return (results, true);
    }

    private async Task<CheckResult> SeatsAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        var check = $"{scope}: seats";
        try
        {
            var probe = await client.ProbeAsync(scope.SeatsPath + "?per_page=1", scope, GitHubEndpoint.Seats, cancellationToken);
            return probe.Problem is null
                ? CheckResult.Ok(Area, check, string.Create(CultureInfo.InvariantCulture, $"reachable: {probe.TotalSeats?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} seats"))
                : CheckResult.Problem(Area, check, $"GitHub answered {(int)probe.Status} for {scope.SeatsPath}", probe.Problem);
        }
        catch (ApiException ex)
        {
            return CheckResult.Problem(Area, check, "not reachable", ex.Message);
        }
    }

    private async Task<(CheckResult Result, Uri? Link)> UsageMetricsAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        var check = $"{scope}: usage metrics";
        try
        {
            var links = await client.GetReportLinksAsync(scope, UsageReportKind.ScopeLatest28Days, null, cancellationToken);
            var end = links?.ReportEndDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";
            return (CheckResult.Ok(Area, check, $"policy enabled, reports readable (newest day {end})"), links is { DownloadLinks.Count: > 0 } ? links.DownloadLinks[0] : null);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            return (CheckResult.Problem(Area, check, "403: the token's owner lacks the metrics role, or the 'Copilot usage metrics' policy is disabled", ex.Message), null);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return (CheckResult.Problem(Area, check, "404: no usage-metrics report (unknown scope, no access, or the policy is off)", ex.Message), null);
        }
        catch (ApiException ex)
        {
            return (CheckResult.Problem(Area, check, "report links could not be read", ex.Message), null);
        }
    }

    private async Task<CheckResult> DownloadHostAsync(SeatScope scope, Uri link, CancellationToken cancellationToken)
    {
        var check = $"report download host {link.Authority}";
        try
        {
            using var response = await downloads.OpenAsync(link, $"{scope} 28-day report (doctor)", cancellationToken);
            return CheckResult.Ok(Area, check, $"reachable without the token ({(int)response.StatusCode})");
        }
        catch (ApiException ex)
        {
            return CheckResult.Problem(Area, check, "not reachable", ex.Message);
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Auth;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;

namespace CopilotIngest.GitHub.Client;

/// <summary>Turns a failed GitHub response into an <see cref="ApiException"/> whose message names the scope and the fix.</summary>
internal static class GitHubErrors
{
    public static async Task<ApiException> FromResponseAsync(
        HttpResponseMessage response,
        SeatScope scope,
        GitHubEndpoint endpoint,
        GitHubOptions options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var message = GitHubPayload.TryReadErrorMessage(body);
        var verdict = GitHubRateLimit.Classify(response.StatusCode, response.Headers, message, options.SecondaryRateLimitWait, timeProvider);
        var path = response.RequestMessage?.RequestUri?.AbsolutePath ?? scope.SeatsPath;
        return new ApiException(GitHubPayload.Service, response.StatusCode, Describe(response.StatusCode, response.Headers, message, verdict, scope, endpoint, path, options, timeProvider));
    }

    internal static string Describe(
        HttpStatusCode status,
        HttpResponseHeaders headers,
        string? message,
        RateLimitVerdict verdict,
        SeatScope scope,
        GitHubEndpoint endpoint,
        string path,
        GitHubOptions options,
        TimeProvider timeProvider)
    {
        var what = endpoint switch
        {
            GitHubEndpoint.Billing => $"the Copilot billing settings of {scope}",
            GitHubEndpoint.UsageReport => $"the Copilot usage-metrics reports of {scope}",
            GitHubEndpoint.BillingUsage => $"the premium request billing usage of {scope}",
            _ => $"the Copilot seat assignments of {scope}",
        };
        var code = (int)status;
        var said = message is null ? string.Empty : $": {message}";
        var hint = (endpoint, scope.Type) switch
        {
            (GitHubEndpoint.UsageReport, SeatScopeType.Organization) => GitHubOptionsValidator.OrgMetricsPermissionHint,
            (GitHubEndpoint.UsageReport, _) => GitHubOptionsValidator.EnterpriseMetricsPermissionHint,
            (GitHubEndpoint.BillingUsage, SeatScopeType.Organization) => GitHubOptionsValidator.OrgBillingUsagePermissionHint,
            (GitHubEndpoint.BillingUsage, _) => GitHubOptionsValidator.EnterpriseBillingUsagePermissionHint,
            (_, SeatScopeType.Organization) => GitHubOptionsValidator.OrgPermissionHint,
            _ => GitHubOptionsValidator.EnterprisePermissionHint,
        };

        var route = GitHubCredentialRoute.For(options, scope, path);
        var app = route.Kind == GitHubCredentialKind.AppInstallation;
        if (verdict.IsRateLimited)
        {
            return verdict.Wait > options.MaxRateLimitWait
                ? $"GitHub's API rate limit for {(app ? $"the GitHub App's installation on {scope}" : GitHubSettingNames.Token)} is used up ({code}, {verdict.Reason}) while reading {what}. It resets at {(timeProvider.GetUtcNow() + verdict.Wait).ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC, {Minutes(verdict.Wait)} from now, longer than the {Minutes(options.MaxRateLimitWait)} this job waits. Run again after the reset."
                : $"GitHub kept rate-limiting requests for {what} ({code}, {verdict.Reason}) after {options.MaxRetries} retries. Run again later, or run fewer jobs with the same token at the same time.";
        }

        if (app && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return AppRefused(status, said, what, scope, endpoint, path, options);
        }

        return status switch
        {
            HttpStatusCode.Unauthorized =>
                $"GitHub rejected {GitHubSettingNames.Token} while reading {what} (401{said}): the token is wrong, expired or revoked. Create {hint} and put it in {GitHubSettingNames.Token}.",
            HttpStatusCode.Forbidden =>
                $"GitHub refused access to {what} (403{said}). Reading it needs {hint}.{TokenScopes(headers)}{SingleSignOn(headers, scope)}",
            HttpStatusCode.NotFound when endpoint == GitHubEndpoint.UsageReport =>
                $"GitHub has no usage-metrics report at {path} (404{said}): {scope} does not exist on {options.ApiBaseUri.Host}, the token's owner may not read its Copilot metrics, or it has no report yet (GitHub serves organization reports from {SeatScope.Organization("x").FirstReportDay:yyyy-MM-dd} and enterprise reports from {SeatScope.Enterprise("x").FirstReportDay:yyyy-MM-dd}; a day appears about two days after it ends). Check {(scope.Type == SeatScopeType.Organization ? GitHubSettingNames.Organizations : GitHubSettingNames.Enterprise)}, {GitHubSettingNames.ApiUrl}, and that the 'Copilot usage metrics' policy is enabled.",
            HttpStatusCode.NotFound when endpoint == GitHubEndpoint.BillingUsage =>
                $"GitHub has no premium request billing usage at {path} (404{said}): {scope} is not on GitHub's enhanced billing platform, or the token's owner is not an owner or billing manager of it.",
            HttpStatusCode.NotFound => scope.Type == SeatScopeType.Organization
                ? $"GitHub found nothing at {path} (404{said}): organization '{scope.Slug}' does not exist on {options.ApiBaseUri.Host}, has no Copilot Business or Enterprise subscription, or the token's owner cannot see it. Check {GitHubSettingNames.Organizations} and {GitHubSettingNames.ApiUrl}."
                : $"GitHub found nothing at {path} (404{said}): enterprise '{scope.Slug}' does not exist on {options.ApiBaseUri.Host}, has no Copilot, or the token's owner is not an enterprise owner or billing manager. Check {GitHubSettingNames.Enterprise} (the slug in https://github.com/enterprises/SLUG) and {GitHubSettingNames.ApiUrl}.",
            HttpStatusCode.UnprocessableEntity =>
                $"GitHub could not return {what} (422): {message ?? "There is a problem with your account's associated payment method."} Fix the Copilot billing of {scope} on GitHub.",
            >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest =>
                $"GitHub redirected {path} ({code}) to {headers.Location?.ToString() ?? "another address"}; check {(scope.Type == SeatScopeType.Organization ? GitHubSettingNames.Organizations : GitHubSettingNames.Enterprise)} (renamed?) and {GitHubSettingNames.ApiUrl}.",
            >= HttpStatusCode.InternalServerError =>
                $"GitHub answered {code}{said} for {what}, still after {options.MaxRetries} retries. GitHub may be having an incident (https://www.githubstatus.com); the next run tries again.",
            _ => $"GitHub answered {code}{said} for {what} ({path}).",
        };
    }

    private static string AppRefused(HttpStatusCode status, string said, string what, SeatScope scope, GitHubEndpoint endpoint, string path, GitHubOptions options)
    {
        if (status == HttpStatusCode.Unauthorized)
        {
            return $"GitHub rejected the GitHub App's installation token while reading {what} (401{said}), a freshly minted one too: the App {GitHubSettingNames.AppId}={options.AppId} may have been uninstalled from {scope} or suspended. Check its installation.";
        }

        if (scope.Type == SeatScopeType.Enterprise && GitHubCredentialRoute.IsSeatListing(path))
        {
            return $"The enterprise seat listing (github_seats, github_seat_details, github_users) for enterprise {scope.Slug} needs {GitHubSettingNames.Token} ({GitHubCredentialAdvice.EnterpriseSeatsClassicPat}): GitHub App installation tokens cannot list enterprise seats (403{said}). Set {GitHubSettingNames.Token}; the App keeps serving everything else.";
        }

        var permission = (endpoint, scope.Type) switch
        {
            (GitHubEndpoint.UsageReport, SeatScopeType.Organization) => "the organization permission 'Organization Copilot metrics' (read), and the organization's 'Copilot usage metrics' policy enabled",
            (GitHubEndpoint.UsageReport, _) => "the enterprise permission 'Enterprise Copilot metrics' (read) on an installation on the enterprise account, and the enterprise's 'Copilot usage metrics' policy set to 'Enabled everywhere'",
            (GitHubEndpoint.BillingUsage, SeatScopeType.Organization) => "the organization permission 'Administration' (read)",
            (GitHubEndpoint.BillingUsage, _) => $"{GitHubSettingNames.Token} (GitHub App tokens cannot read an enterprise's billing usage)",
            _ => "the organization permission 'GitHub Copilot Business' (read)",
        };
        return $"GitHub refused the GitHub App {GitHubSettingNames.AppId}={options.AppId} access to {what} (403{said}). The App needs {permission}; after changing the App's permissions, an owner of {scope} must accept them on the installation.";
    }

    private static string TokenScopes(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("X-OAuth-Scopes", out var values))
        {
            return string.Empty;
        }

        var scopes = string.Join(", ", values).Trim();
        return scopes.Length == 0 ? $" {GitHubSettingNames.Token} has no scopes." : $" {GitHubSettingNames.Token} has the scopes: {scopes}.";
    }

    private static string SingleSignOn(HttpResponseHeaders headers, SeatScope scope) =>
        headers.Contains("X-GitHub-SSO")
            ? $" The {scope} enforces SAML single sign-on: authorize the token for it (GitHub → Settings → Developer settings → Personal access tokens → Configure SSO)."
            : string.Empty;

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{Math.Ceiling(span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min" : $"{Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s";
}

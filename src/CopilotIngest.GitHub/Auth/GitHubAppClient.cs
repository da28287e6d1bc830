using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Auth;

/// <summary>
/// The GitHub App endpoints, called with the App's JWT: find the installation on an organization or enterprise, and
/// mint an installation access token. Every failure is an <see cref="ApiException"/> naming the setting or account to fix;
/// nothing thrown contains the JWT or a token.
/// </summary>
public sealed class GitHubAppClient(HttpClient httpClient, IOptions<GitHubOptions> options)
{
    private const int InstallationsPerPage = 100;
    private const int MaxInstallationPages = 50;

    private static readonly string s_userAgent = "copilot-ingest/" +
        (typeof(GitHubAppClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0");

    private GitHubOptions Options => options.Value;

    /// <summary><c>GET /orgs/{org}/installation</c>: the App's installation on the organization.</summary>
    internal async Task<long> FindOrganizationInstallationAsync(string organization, string jwt, CancellationToken cancellationToken)
    {
        var path = $"orgs/{Uri.EscapeDataString(organization)}/installation";
        var (status, body) = await SendAsync(HttpMethod.Get, path, jwt, cancellationToken);
        return status switch
        {
            HttpStatusCode.OK => Parse(body, GitHubAppJsonContext.Default.InstallationJson, path).Id,
            HttpStatusCode.NotFound => throw new ApiException(GitHubPayload.Service, status,
                $"The GitHub App {GitHubSettingNames.AppId}={Options.AppId} is not installed on organization '{organization}' (GET /{path} answered 404). Install it there (the App's page → Install App) with the permissions 'GitHub Copilot Business' and 'Organization Copilot metrics' (read), set {GitHubSettingNames.AppInstallationId}, or remove '{organization}' from {GitHubSettingNames.Organizations}."),
            _ => throw Failure(status, body, path, $"finding its installation on organization '{organization}'"),
        };
    }

    /// <summary><c>GET /app/installations</c>, page by page, until the installation on the enterprise turns up.</summary>
    internal async Task<long> FindEnterpriseInstallationAsync(string enterprise, string jwt, CancellationToken cancellationToken)
    {
        for (var page = 1; page <= MaxInstallationPages; page++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"app/installations?per_page={InstallationsPerPage}&page={page}");
            var (status, body) = await SendAsync(HttpMethod.Get, path, jwt, cancellationToken);
            if (status != HttpStatusCode.OK)
            {
                throw Failure(status, body, "app/installations", $"listing its installations to find enterprise '{enterprise}'");
            }

            var installations = Parse(body, GitHubAppJsonContext.Default.ListInstallationJson, "app/installations");
            var match = installations.FirstOrDefault(i =>
                "Enterprise".Equals(i.TargetType, StringComparison.OrdinalIgnoreCase)
                && (enterprise.Equals(i.Account?.Slug, StringComparison.OrdinalIgnoreCase) || enterprise.Equals(i.Account?.Login, StringComparison.OrdinalIgnoreCase)));
            if (match is not null)
            {
                return match.Id;
            }

            if (installations.Count < InstallationsPerPage)
            {
                break;
            }
        }

        throw new ApiException(GitHubPayload.Service, HttpStatusCode.NotFound,
            $"The GitHub App {GitHubSettingNames.AppId}={Options.AppId} is not installed on enterprise '{enterprise}'. Install it on the enterprise account with the enterprise permission 'Enterprise Copilot metrics' (read), or remove {GitHubSettingNames.Enterprise}.");
    }

    /// <summary><c>POST /app/installations/{id}/access_tokens</c>: a fresh installation token (about an hour long).</summary>
    internal async Task<InstallationToken> CreateTokenAsync(long installationId, SeatScope scope, string jwt, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"app/installations/{installationId}/access_tokens");
        var (status, body) = await SendAsync(HttpMethod.Post, path, jwt, cancellationToken);
        if (status is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            var answer = Parse(body, GitHubAppJsonContext.Default.AccessTokenJson, path);
            if (string.IsNullOrWhiteSpace(answer.Token) || answer.ExpiresAt is null)
            {
                throw new ApiException(GitHubPayload.Service, status, $"GitHub's answer to POST /{path} has no 'token' or no 'expires_at'; check that {GitHubSettingNames.ApiUrl} points at the GitHub REST API.");
            }

            return new InstallationToken(installationId, answer.Token, answer.ExpiresAt.Value, answer.Permissions ?? []);
        }

        if (status == HttpStatusCode.NotFound)
        {
            throw new ApiException(GitHubPayload.Service, status,
                string.Create(CultureInfo.InvariantCulture, $"GitHub has no installation {installationId} of the App {GitHubSettingNames.AppId}={Options.AppId} (used for {scope}): it was uninstalled, or {GitHubSettingNames.AppInstallationId} names an installation of another App. Check {GitHubSettingNames.AppInstallationId}, or remove it to look the installation up per organization."));
        }

        throw Failure(status, body, path, $"minting an installation token for {scope}");
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpMethod method, string path, string jwt, CancellationToken cancellationToken)
    {
        var uri = new Uri(Options.ApiBaseUri, path);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.Add("X-GitHub-Api-Version", GitHubClient.ApiVersion);
        request.Headers.UserAgent.ParseAdd(s_userAgent);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
        catch (HttpRequestException ex)
        {
            throw new ApiException(GitHubPayload.Service, ex.StatusCode, $"Could not reach GitHub at {uri.Host} to authenticate the GitHub App ({uri.AbsolutePath}): {ex.Message} Check {GitHubSettingNames.ApiUrl}, proxy and firewall settings.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiException(GitHubPayload.Service, null, $"GitHub did not answer {uri.AbsolutePath} at {uri.Host} in time while authenticating the GitHub App. Check the network path and https://www.githubstatus.com.", ex);
        }
    }

    private ApiException Failure(HttpStatusCode status, byte[] body, string path, string doing)
    {
        var said = GitHubPayload.TryReadErrorMessage(body) is { } message ? $": {message}" : string.Empty;
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            HttpStatusCode.Unauthorized => new ApiException(GitHubPayload.Service, status,
                $"GitHub rejected the GitHub App's signed JWT while {doing} (401{said}): {GitHubSettingNames.AppId}={Options.AppId} and {GitHubSettingNames.AppPrivateKey} do not belong to the same App, the key was deleted on GitHub, or this machine's clock is more than a minute off. Download a private key from the App's settings page and check {GitHubSettingNames.AppId}."),
            HttpStatusCode.Forbidden => new ApiException(GitHubPayload.Service, status,
                $"GitHub refused the GitHub App {GitHubSettingNames.AppId}={Options.AppId} while {doing} (403{said}): the installation may be suspended, or an organization admin must accept the App's new permissions."),
            _ => new ApiException(GitHubPayload.Service, status, $"GitHub answered {code}{said} while {doing} (/{path})."),
        };
    }

    private static T Parse<T>(byte[] body, JsonTypeInfo<T> typeInfo, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new ApiException(GitHubPayload.Service, null, $"GitHub's answer to /{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new ApiException(GitHubPayload.Service, null, $"GitHub's answer to /{path} is not the JSON GitHub documents ({ex.Message}); check that {GitHubSettingNames.ApiUrl} points at the GitHub REST API.", ex);
        }
    }
}

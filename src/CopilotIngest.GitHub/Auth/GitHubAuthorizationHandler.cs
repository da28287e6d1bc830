using System.Net;
using System.Net.Http.Headers;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Auth;

/// <summary>
/// Puts the right credential on each GitHub API request (see <see cref="GitHubCredentialRoute"/>): <c>GITHUB_TOKEN</c>,
/// or the GitHub App's installation token for the organization or enterprise the request reads. A request to any host
/// other than <c>GITHUB_API_URL</c>'s carries no credential at all. When GitHub answers 401 to an installation token, the
/// token is dropped and the request is sent once more with a freshly minted one.
/// </summary>
internal sealed class GitHubAuthorizationHandler(IOptions<GitHubOptions> options, GitHubAppTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        request.Headers.Authorization = null;
        if (request.RequestUri is not { } uri || Uri.Compare(uri, settings.ApiBaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        request.Options.TryGetValue(GitHubCredentialRoute.ScopeOption, out var requestScope);
        var route = GitHubCredentialRoute.For(settings, requestScope, uri.AbsolutePath);
        switch (route.Kind)
        {
            case GitHubCredentialKind.PersonalToken:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
                return await base.SendAsync(request, cancellationToken);
            case GitHubCredentialKind.AppInstallation:
                return await SendWithInstallationTokenAsync(request, route.Scope!, cancellationToken);
            default:
                throw new ApiException(GitHubPayload.Service, null, $"{GitHubSettingNames.Token} is not set, and {GitHubSettingNames.AppId} is not set either: no credential for {uri.AbsolutePath}.");
        }
    }

    private async Task<HttpResponseMessage> SendWithInstallationTokenAsync(HttpRequestMessage request, SeatScope scope, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(scope, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        tokens.Reject(scope, token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(scope, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}

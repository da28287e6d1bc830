using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CopilotIngest.M365.Auth;

/// <summary>
/// The client assertion of workload identity federation in GitHub Actions: an OIDC token for the audience
/// <c>api://AzureADTokenExchange</c> from <c>ACTIONS_ID_TOKEN_REQUEST_URL</c>, fetched fresh for every Entra token.
/// </summary>
internal sealed class GitHubActionsAssertion(HttpClient httpClient, IOptions<M365Options> options)
{
    public const string Service = "GitHub Actions OIDC";
    public const string Audience = "api://AzureADTokenExchange";

    public async Task<string> GetAssertionAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = settings.GitHubOidcRequestUrl ?? throw new ApiException(Service, null, $"{M365Settings.ActionsTokenRequestUrl} is not set.");
        var separator = string.IsNullOrEmpty(url.Query) ? "?" : "&";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url + separator + "audience=" + Uri.EscapeDataString(Audience)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.GitHubOidcRequestToken);
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ApiException(Service, null, $"Could not reach {M365Settings.ActionsTokenRequestUrl}: {ex.Message}", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is 429 or >= 500)
            {
                throw new ApiException(Service, response.StatusCode, $"GitHub Actions' OIDC token endpoint failed with {status}, also on retry; run the job again.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ApiException(Service, response.StatusCode, $"GitHub Actions refused the OIDC token request ({status}): give the job 'permissions: id-token: write'; {M365Settings.ActionsTokenRequestToken} is only valid inside that job.");
            }

            try
            {
                var payload = await response.Content.ReadFromJsonAsync(GraphJsonContext.Default.OidcTokenPayload, cancellationToken);
                return string.IsNullOrEmpty(payload?.Value)
                    ? throw new ApiException(Service, response.StatusCode, "GitHub Actions answered the OIDC token request without a token.")
                    : payload.Value;
            }
            catch (JsonException ex)
            {
                throw new ApiException(Service, response.StatusCode, "GitHub Actions answered the OIDC token request with something other than the expected JSON.", ex);
            }
        }
    }
}

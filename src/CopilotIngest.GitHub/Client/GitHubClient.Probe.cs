using System.Net;
using System.Net.Http.Headers;
using CopilotIngest.GitHub.Json;

namespace CopilotIngest.GitHub.Client;

/// <summary>What one probing GET found: the status, the classic token's scopes and, on failure, the message naming the fix.</summary>
/// <param name="Scopes">The <c>X-OAuth-Scopes</c> header; null when GitHub sent none (fine-grained and App tokens).</param>
internal sealed record GitHubProbe(HttpStatusCode Status, IReadOnlyList<string>? Scopes, int? TotalSeats, string? Problem);

public sealed partial class GitHubClient
{
    /// <summary>
    /// One GET with the token for <c>doctor</c>: nothing is paged or retried beyond the standard pipeline. Transport
    /// failures throw an <see cref="Core.Http.ApiException"/> naming the setting to check.
    /// </summary>
    internal async Task<GitHubProbe> ProbeAsync(string relativeUri, SeatScope scope, GitHubEndpoint endpoint, CancellationToken cancellationToken)
    {
        var uri = new Uri(Options.ApiBaseUri, relativeUri);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.ParseAdd(s_userAgent);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.Token ?? string.Empty);

        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (TranslateTransportFailure(ex, uri, scope, cancellationToken) is { } translated)
        {
            throw translated;
        }

        using (response)
        {
            var scopes = response.Headers.TryGetValues("X-OAuth-Scopes", out var values)
                ? string.Join(',', values).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null;
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var total = relativeUri.StartsWith(scope.SeatsPath, StringComparison.Ordinal) ? GitHubPayload.ParseSeatsPage(body, uri.AbsolutePath).TotalSeats : null;
                return new GitHubProbe(response.StatusCode, scopes, total, null);
            }

            var failure = await GitHubErrors.FromResponseAsync(response, scope, endpoint, Options, timeProvider, cancellationToken);
            return new GitHubProbe(response.StatusCode, scopes, null, failure.Message);
        }
    }
}

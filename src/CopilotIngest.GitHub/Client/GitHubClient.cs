using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Auth;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CopilotIngest.GitHub.Client;

/// <summary>
/// The GitHub REST API for Copilot seats and billing. Seat listings stream page by page (<c>per_page=100</c>,
/// following <c>Link rel="next"</c>); every failure surfaces as an <see cref="ApiException"/> naming the scope and the fix.
/// </summary>
public sealed partial class GitHubClient(HttpClient httpClient, IOptions<GitHubOptions> options, TimeProvider timeProvider, ILogger<GitHubClient> logger)
{
    public const string ApiVersion = "2026-03-10";
    public const int SeatsPerPage = 100;

    private static readonly string s_userAgent = "copilot-ingest/" +
        (typeof(GitHubClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0");

    private GitHubOptions Options => options.Value;

    /// <summary>Streams every seat of an organization.</summary>
    public IAsyncEnumerable<SeatRecord> GetOrganizationSeatsAsync(string organization, CancellationToken cancellationToken) =>
        GetSeatsAsync(SeatScope.Organization(organization), cancellationToken);

    /// <summary>Streams every seat of an enterprise: one per organization or team granting it, so users can repeat.</summary>
    public IAsyncEnumerable<SeatRecord> GetEnterpriseSeatsAsync(string enterprise, CancellationToken cancellationToken) =>
        GetSeatsAsync(SeatScope.Enterprise(enterprise), cancellationToken);

    public async IAsyncEnumerable<SeatRecord> GetSeatsAsync(SeatScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in GetSeatPagesAsync(scope, cancellationToken))
        {
            foreach (var seat in page.Seats)
            {
                yield return seat;
            }
        }
    }

    /// <summary>Streams the seat listing page by page until GitHub sends no <c>next</c> link (never by comparing with <c>total_seats</c>).</summary>
    public async IAsyncEnumerable<SeatPage> GetSeatPagesAsync(SeatScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var apiBase = Options.ApiBaseUri;
        Uri? next = new(apiBase, $"{scope.SeatsPath}?per_page={SeatsPerPage}");
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pageNumber = 0;
        while (next is not null)
        {
            if (!visited.Add(next.AbsoluteUri))
            {
                throw new ApiException(GitHubPayload.Service, null, $"GitHub's paging of {scope.SeatsPath} leads back to a page already read ({next.PathAndQuery}); stopped to avoid counting seats twice.");
            }

            var response = await GetAsync(next, scope, GitHubEndpoint.Seats, cancellationToken);
            var page = GitHubPayload.ParseSeatsPage(response.Body, next.AbsolutePath);
            pageNumber++;
            LogPage(scope, pageNumber, page.Seats.Count);
            next = page.Seats.Count == 0 ? null : CheckSameOrigin(response.Next, apiBase, next);
            yield return page;
        }
    }

    /// <summary>Reads an organization's seat breakdown and Copilot settings.</summary>
    public async Task<OrganizationBilling> GetOrganizationBillingAsync(string organization, CancellationToken cancellationToken)
    {
        var scope = SeatScope.Organization(organization);
        var uri = new Uri(Options.ApiBaseUri, $"orgs/{Uri.EscapeDataString(organization)}/copilot/billing");
        var response = await GetAsync(uri, scope, GitHubEndpoint.Billing, cancellationToken);
        return GitHubPayload.ParseBilling(response.Body, uri.AbsolutePath);
    }

    private async Task<GitHubResponse> GetAsync(Uri uri, SeatScope scope, GitHubEndpoint endpoint, CancellationToken cancellationToken) =>
        await SendAsync(uri, scope, endpoint, noDataAllowed: false, cancellationToken)
        ?? throw new ApiException(GitHubPayload.Service, null, $"GitHub sent no content for {uri.AbsolutePath}.");

    /// <summary>Sends a GET (the credential is added by the handler); with <paramref name="noDataAllowed"/>, 204 and 404 mean "nothing there" (null) instead of an error.</summary>
    private async Task<GitHubResponse?> SendAsync(Uri uri, SeatScope scope, GitHubEndpoint endpoint, bool noDataAllowed, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.ParseAdd(s_userAgent);

        // The credential (GITHUB_TOKEN or the GitHub App's installation token for this scope) is added by GitHubAuthorizationHandler.
        request.Options.Set(GitHubCredentialRoute.ScopeOption, scope);

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
            if (noDataAllowed && response.StatusCode is System.Net.HttpStatusCode.NoContent or System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            // A report endpoint answering 204 has no report yet (also the 28-day ones): no data, not an error.
            if (endpoint == GitHubEndpoint.UsageReport && response.StatusCode == System.Net.HttpStatusCode.NoContent)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await GitHubErrors.FromResponseAsync(response, scope, endpoint, Options, timeProvider, cancellationToken);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new GitHubResponse(body, LinkHeader.FindNext(response.Headers, uri));
        }
    }

    private ApiException? TranslateTransportFailure(Exception exception, Uri uri, SeatScope scope, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, Options.MaxRetries) + 1;
        return exception switch
        {
            TimeoutRejectedException => TimedOut(exception, uri, scope, attempts),
            OperationCanceledException when !cancellationToken.IsCancellationRequested => TimedOut(exception, uri, scope, attempts),
            ServiceCircuitOpenException open =>
                new ApiException(GitHubPayload.Service, null, $"Could not read {uri.AbsolutePath} for {scope}: {open.Message}", exception),
            BrokenCircuitException =>
                new ApiException(GitHubPayload.Service, null, $"Calls to GitHub are paused after many failures in a row, so {scope} was not read; the next run tries again.", exception),
            HttpRequestException http =>
                new ApiException(GitHubPayload.Service, http.StatusCode, $"Could not read {uri.AbsolutePath} from GitHub at {uri.Host} for {scope}, {attempts} attempts in a row: {Describe(http)} Check {GitHubSettingNames.ApiUrl}, proxy and firewall settings ({GitHubSettingNames.ExtraCaCert} for a TLS-inspecting proxy).", exception),
            _ => null,
        };
    }

    private ApiException TimedOut(Exception exception, Uri uri, SeatScope scope, int attempts) =>
        new(GitHubPayload.Service, null, $"GitHub did not answer {uri.AbsolutePath} for {scope} within {Options.AttemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s, {attempts} attempts in a row. Check the network path to {uri.Host} (proxy, firewall) and https://www.githubstatus.com.", exception);

    private static string Describe(HttpRequestException exception) =>
        exception.InnerException is { Message: { Length: > 0 } inner } && inner != exception.Message
            ? $"{exception.Message} ({inner})"
            : exception.Message;

    private static Uri? CheckSameOrigin(Uri? next, Uri apiBase, Uri current)
    {
        if (next is null)
        {
            return null;
        }

        if (Uri.Compare(next, apiBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new ApiException(GitHubPayload.Service, null, $"GitHub's Link header for {current.AbsolutePath} points to {next.Scheme}://{next.Authority}, not the {GitHubSettingNames.ApiUrl} host {apiBase.Authority}; the token is not sent there. Check {GitHubSettingNames.ApiUrl} and any proxy rewriting responses.");
        }

        return next;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Read seats page {Page} of {Scope}: {Count} seats")]
    private partial void LogPage(SeatScope scope, int page, int count);

    private sealed record GitHubResponse(byte[] Body, Uri? Next);
}

using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CopilotIngest.GitHub.Reports;

/// <summary>
/// Downloads report files from GitHub's signed links. It has its own <see cref="HttpClient"/> without any
/// authorization: the links are pre-signed and the GitHub token must never reach the download host. Transient
/// failures are retried by the resilience pipeline; a refused link becomes a <see cref="ReportDownloadException"/>
/// so the caller can ask for fresh links. Nothing logged or thrown contains a link's query string.
/// </summary>
public sealed partial class ReportDownloadClient(HttpClient httpClient, IOptions<GitHubOptions> options, ILogger<ReportDownloadClient> logger)
{
    private const int MaxRedirects = 3;
    private const int MaxErrorBodyBytes = 4096;

    private static readonly string s_userAgent = "copilot-ingest/" +
        (typeof(ReportDownloadClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0");

    /// <summary>Sends the GET and returns the response with its body unread, for streaming; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> OpenAsync(Uri link, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var uri = link;
        for (var redirects = 0; ; redirects++)
        {
            var response = await SendAsync(uri, file, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                LogOpened(file, (int)response.StatusCode);
                return response;
            }

            using (response)
            {
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location && redirects < MaxRedirects)
                {
                    uri = CheckRedirect(new Uri(uri, location), file);
                    continue;
                }

                throw await FailureAsync(response, uri, file, cancellationToken);
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string file, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.UserAgent.ParseAdd(s_userAgent);
        request.Headers.Accept.ParseAdd("application/x-ndjson");
        request.Headers.Accept.ParseAdd("*/*;q=0.5");
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (Translate(ex, uri, file, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    private ApiException? Translate(Exception exception, Uri uri, string file, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, options.Value.MaxRetries) + 1;
        var host = uri.Authority;
        return exception switch
        {
            TimeoutRejectedException or OperationCanceledException when exception is TimeoutRejectedException || !cancellationToken.IsCancellationRequested =>
                new ApiException(GitHubPayload.Service, null, string.Create(CultureInfo.InvariantCulture, $"The report download host {host} did not answer for {file} within {options.Value.AttemptTimeout.TotalSeconds:0.###} s, {attempts} attempts in a row. Allow {host} through proxies and egress firewalls (GitHub serves reports from copilot-reports.github.com)."), exception),
            ServiceCircuitOpenException open =>
                new ApiException(GitHubPayload.Service, null, $"Could not download {file}: {open.Message}", exception),
            BrokenCircuitException =>
                new ApiException(GitHubPayload.Service, null, $"Downloads from {host} are paused after many failures in a row, so {file} was not read; the next run tries again.", exception),
            HttpRequestException http =>
                new ApiException(GitHubPayload.Service, http.StatusCode, $"Could not download {file} from {host}, {attempts} attempts in a row: {http.Message} Allow {host} through proxies and egress firewalls (GitHub serves reports from copilot-reports.github.com); {GitHubSettingNames.ExtraCaCert} names a TLS-inspecting proxy's certificate.", exception),
            _ => null,
        };
    }

    private async Task<Exception> FailureAsync(HttpResponseMessage response, Uri uri, string file, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var code = (int)status;
        var saysExpired = await SaysExpiredAsync(response, cancellationToken);
        LogRefused(file, code, saysExpired);
        return status switch
        {
            HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone =>
                new ReportDownloadException(saysExpired ? $"the download host refused the link as expired ({code})" : $"the download host refused the link ({code})", status),
            HttpStatusCode.Unauthorized or HttpStatusCode.ProxyAuthenticationRequired =>
                new ApiException(GitHubPayload.Service, status, $"The report download host {uri.Authority} asked for credentials ({code}) for {file}. Signed report links need none and this job sends none; a proxy between this job and {uri.Authority} may require authentication, or may be adding headers. Allow {uri.Authority} through it without authentication."),
            >= HttpStatusCode.InternalServerError =>
                new ApiException(GitHubPayload.Service, status, $"The report download host {uri.Authority} answered {code} for {file}, still after {options.Value.MaxRetries} retries. GitHub may be having an incident (https://www.githubstatus.com); the next run tries again."),
            _ => new ApiException(GitHubPayload.Service, status, $"The report download host {uri.Authority} answered {code} for {file}."),
        };
    }

    /// <summary>Whether the error body mentions expiry; the body itself is never repeated (it may echo the signed link).</summary>
    private static async Task<bool> SaysExpiredAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total).Contains("expire", StringComparison.OrdinalIgnoreCase);
        }
        catch (IOException)
        {
            return false;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static Uri CheckRedirect(Uri target, string file) =>
        target.Scheme == Uri.UriSchemeHttps || (target.Scheme == Uri.UriSchemeHttp && BaseUrl.IsLoopback(target))
            ? target
            : throw new ApiException(GitHubPayload.Service, null, $"The download of {file} was redirected to {target.Scheme}://{target.Authority}, which is not https; not followed.");

    [LoggerMessage(EventId = 130, Level = LogLevel.Debug, Message = "Downloading {File} ({Status})")]
    private partial void LogOpened(string file, int status);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "The download host refused {File} ({Status}, says expired: {SaysExpired})")]
    private partial void LogRefused(string file, int status, bool saysExpired);
}

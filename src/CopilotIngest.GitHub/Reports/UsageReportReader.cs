using System.Globalization;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Reports;

/// <summary>
/// Reads a usage-metrics report completely: asks GitHub for the links (with the token), downloads every file (without
/// it) and streams each line into a consumer's state. When the download host refuses a link (signed links expire) or a
/// connection closes mid-file, it asks GitHub for fresh links once and starts the report over with a fresh state;
/// a second failure fails the report with a message saying what to check.
/// </summary>
public sealed partial class UsageReportReader(
    GitHubClient client,
    ReportDownloadClient downloads,
    IOptions<GitHubOptions> options,
    TimeProvider timeProvider,
    ILogger<UsageReportReader> logger)
{
    /// <summary>The newest day GitHub has published for the scope: <c>report_end_day</c> of its 28-day report (nothing is downloaded).</summary>
    public async Task<DateOnly> GetNewestDayAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var links = await client.GetReportLinksAsync(scope, UsageReportKind.ScopeLatest28Days, null, cancellationToken);
        return links?.ReportEndDay
            ?? throw new ApiException(GitHubPayload.Service, HttpStatusCode.OK, $"GitHub's {UsageReportKind.ScopeLatest28Days.PathSegment(scope.Type)} answer for {scope} names no report_end_day, so the newest published day is unknown. Check that {GitHubSettingNames.ApiUrl} points at the GitHub REST API.");
    }

    /// <summary>
    /// Reads one report into a state built by <paramref name="create"/>; null when GitHub has no report (1-day reports only).
    /// </summary>
    public async Task<ReportRead<TState>?> ReadAsync<TRecord, TState>(
        SeatScope scope,
        UsageReportKind kind,
        DateOnly? day,
        JsonTypeInfo<TRecord> typeInfo,
        Func<TState> create,
        Action<TState, TRecord> add,
        CancellationToken cancellationToken)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(add);
        var report = ReportFileLabel.Report(scope, kind, day);
        for (var attempt = 1; ; attempt++)
        {
            var links = await client.GetReportLinksAsync(scope, kind, day, cancellationToken);
            if (links is null)
            {
                return null;
            }

            var state = create();
            var problems = new List<ReportProblem>();
            long records = 0;
            try
            {
                for (var i = 0; i < links.DownloadLinks.Count; i++)
                {
                    var file = ReportFileLabel.File(report, i, links.DownloadLinks.Count, links.DownloadLinks[i]);
                    records += await ReadFileAsync(links.DownloadLinks[i], file, typeInfo, state, add, problems, cancellationToken);
                }

                LogRead(report, links.DownloadLinks.Count, records, problems.Count);
                return new ReportRead<TState>(state, links, links.DownloadLinks.Count, records, problems);
            }
            catch (ReportDownloadException ex) when (attempt == 1)
            {
                LogFreshLinks(report, ex.Message);
            }
            catch (ReportDownloadException ex)
            {
                throw new ApiException(GitHubPayload.Service, ex.StatusCode, Advice(report, ex), ex);
            }
        }
    }

    private async Task<long> ReadFileAsync<TRecord, TState>(Uri link, string file, JsonTypeInfo<TRecord> typeInfo, TState state, Action<TState, TRecord> add, List<ReportProblem> problems, CancellationToken cancellationToken)
        where TRecord : class
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(settings.DownloadTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        long records = 0;
        try
        {
            using var response = await downloads.OpenAsync(link, file, linked.Token);
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            await foreach (var line in NdjsonReader.ReadAsync(stream, typeInfo, settings.MaxReportLineBytes, linked.Token))
            {
                if (line.Value is { } value)
                {
                    add(state, value);
                    records++;
                }
                else
                {
                    var problem = new ReportProblem(file, line.Number, line.Problem ?? "unreadable");
                    LogLineSkipped(problem.File, problem.Line, problem.Message);
                    problems.Add(problem);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new ReportDownloadException("the connection closed before the whole file arrived", null, ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ApiException(GitHubPayload.Service, null, string.Create(CultureInfo.InvariantCulture, $"Downloading {file} took longer than {settings.DownloadTimeout.TotalMinutes:0.#} minutes; stopped. Check the network path to {link.Authority}; the next run tries again."), ex);
        }

        return records;
    }

    private static string Advice(string report, ReportDownloadException ex) =>
        ex.StatusCode is null
            ? $"Could not download the {report}: {ex.Message}, also with fresh links from GitHub. Check the network path to the download host; the next run tries again."
            : $"Could not download the {report}: {ex.Message}, also with fresh links from GitHub. Signed links expire about an hour after GitHub issues them, so a slow or paused download can outlive them; if the host refuses fresh links too, allow it through proxies and egress firewalls (copilot-reports.github.com, or copilot-reports.SUBDOMAIN.ghe.com on GHE.com). The next run tries again.";

    [LoggerMessage(EventId = 140, Level = LogLevel.Debug, Message = "Read the {Report}: {Files} file(s), {Records} record(s), {Problems} line(s) skipped")]
    private partial void LogRead(string report, int files, long records, int problems);

    [LoggerMessage(EventId = 141, Level = LogLevel.Warning, Message = "Downloading the {Report} failed ({Reason}); asking GitHub for fresh links and starting it over")]
    private partial void LogFreshLinks(string report, string reason);

    [LoggerMessage(EventId = 142, Level = LogLevel.Warning, Message = "Skipped {File}, line {Line}: {Problem}")]
    private partial void LogLineSkipped(string file, long line, string problem);
}

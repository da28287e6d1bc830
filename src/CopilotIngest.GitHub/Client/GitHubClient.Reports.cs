using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Reports;
using CopilotIngest.GitHub.Reports.Records;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.GitHub.Client;

/// <summary>The usage-metrics report endpoints: each answers with signed download links, never with the data itself.</summary>
public sealed partial class GitHubClient
{
    /// <summary>
    /// Asks GitHub for the download links of a report. For 1-day reports, 204 or 404 means GitHub has no report for
    /// that day (before the first data day, not processed yet, or no activity) and gives null; for every report, 204
    /// (an empty answer) means no data yet and gives null; any other failure throws.
    /// </summary>
    public async Task<ReportLinks?> GetReportLinksAsync(SeatScope scope, UsageReportKind kind, DateOnly? day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var uri = new Uri(Options.ApiBaseUri, kind.RelativeUri(scope, day));
        var response = await SendAsync(uri, scope, GitHubEndpoint.UsageReport, kind.IsOneDay(), cancellationToken);
        var report = ReportFileLabel.Report(scope, kind, day);
        if (response is null)
        {
            LogNoReport(report);
            return null;
        }

        var links = GitHubPayload.ParseReportLinks(response.Body, uri.AbsolutePath);
        var count = links.DownloadLinks.Count;
        LogLinks(report, count);
        return links;
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Debug, Message = "GitHub has no {Report} (204 or 404): no data for that day")]
    private partial void LogNoReport(string report);

    [LoggerMessage(EventId = 121, Level = LogLevel.Debug, Message = "GitHub sent {Count} download link(s) for the {Report}")]
    private partial void LogLinks(string report, int count);
}

namespace CopilotIngest.GitHub.Reports.Records;

/// <summary>
/// What a report endpoint answers: the signed download links (valid for a limited time, never stored) and the
/// day (1-day reports) or date range (28-day reports) they cover.
/// </summary>
public sealed record ReportLinks(IReadOnlyList<Uri> DownloadLinks, DateOnly? ReportDay, DateOnly? ReportStartDay, DateOnly? ReportEndDay);

namespace CopilotIngest.GitHub.Json;

/// <summary>"Copilot Metrics 1 Day Report" / "Copilot Metrics 28 Day Report": signed links plus the day or range.</summary>
internal sealed record ReportLinksJson(List<string?>? DownloadLinks, DateOnly? ReportDay, DateOnly? ReportStartDay, DateOnly? ReportEndDay);

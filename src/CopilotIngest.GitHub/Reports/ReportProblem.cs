using System.Globalization;

namespace CopilotIngest.GitHub.Reports;

/// <summary>A line of a report file that was skipped, named by file and line number (never by content or signed URL).</summary>
public sealed record ReportProblem(string File, long Line, string Message)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}, line {Line}: {Message}");
}

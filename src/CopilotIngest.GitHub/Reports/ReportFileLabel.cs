using System.Globalization;
using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Reports;

/// <summary>How messages name a report and its files: never with the signed query string.</summary>
internal static class ReportFileLabel
{
    public static string Report(SeatScope scope, UsageReportKind kind, DateOnly? day) =>
        day is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"{kind.PathSegment(scope.Type)} report of {scope} for {d:yyyy-MM-dd}")
            : $"{kind.PathSegment(scope.Type)} report of {scope}";

    public static string File(string report, int index, int count, Uri link) =>
        string.Create(CultureInfo.InvariantCulture, $"{report}, file {index + 1} of {count} ({Where(link)})");

    /// <summary>Host and path of a signed link, without its query (which holds the signature).</summary>
    public static string Where(Uri link) => link.Authority + link.AbsolutePath;
}

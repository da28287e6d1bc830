namespace CopilotIngest.M365.Reports;

/// <summary>One of the three Copilot report functions under <c>/copilot/reports</c>, with how its JSON carries rows.</summary>
/// <param name="Function">The Graph function name.</param>
/// <param name="JsonRowArray">The array inside each JSON item whose elements are the rows, or null when the item is the row.</param>
/// <param name="RequiredColumns">Columns without which no row can be read.</param>
internal sealed record CopilotReport(string Function, string? JsonRowArray, IReadOnlyList<ReportColumn> RequiredColumns)
{
    public static CopilotReport UsageUserDetail { get; } =
        new("getMicrosoft365CopilotUsageUserDetail", null, UserActivityReader.RequiredColumns);

    public static CopilotReport UserCountSummary { get; } =
        new("getMicrosoft365CopilotUserCountSummary", "adoptionByProduct", UserCountReader.SummaryColumns);

    public static CopilotReport UserCountTrend { get; } =
        new("getMicrosoft365CopilotUserCountTrend", "adoptionByDate", UserCountReader.TrendColumns);
}

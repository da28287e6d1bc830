namespace CopilotIngest.M365.Reports;

/// <summary>Reads rows of <c>getMicrosoft365CopilotUserCountSummary</c> and <c>…UserCountTrend</c> (CSV or JSON) into records.</summary>
internal static class UserCountReader
{
    private static readonly ReportColumn s_totalPrompts = new("Total prompts submitted");
    private static readonly ReportColumn s_averagePrompts = new("Average prompts submitted");
    private static readonly ReportColumn s_prompts = new("Prompts submitted");

    public static IReadOnlyList<ReportColumn> SummaryColumns { get; } = [ReportColumn.ReportRefreshDate];

    public static IReadOnlyList<ReportColumn> TrendColumns { get; } = [ReportColumn.ReportRefreshDate, ReportColumn.ReportDate];

    public static UserCountSummaryRecord? ReadSummary(IReportRow row, ReportReadState state)
    {
        var reader = new RowReader(row);
        var refreshDate = reader.RequiredDate(ReportColumn.ReportRefreshDate);
        var periodDays = reader.PeriodDays(ReportColumn.ReportPeriod);
        var (anyApp, apps) = reader.AppCounts();
        var total = reader.Count(s_totalPrompts.Key, s_totalPrompts.Name);
        var average = reader.Number(s_averagePrompts.Key, s_averagePrompts.Name);
        if (reader.Problem is { } problem)
        {
            state.Malformed(row.Location, problem);
            return null;
        }

        state.RowRead();
        return new UserCountSummaryRecord(refreshDate, periodDays, anyApp, apps, total, average);
    }

    public static UserCountTrendRecord? ReadTrend(IReportRow row, ReportReadState state)
    {
        var reader = new RowReader(row);
        var refreshDate = reader.RequiredDate(ReportColumn.ReportRefreshDate);
        var reportDate = reader.RequiredDate(ReportColumn.ReportDate);
        var periodDays = reader.PeriodDays(ReportColumn.ReportPeriod);
        var (anyApp, apps) = reader.AppCounts();
        var prompts = reader.Count(s_prompts.Key, s_prompts.Name);
        if (reader.Problem is { } problem)
        {
            state.Malformed(row.Location, problem);
            return null;
        }

        state.RowRead();
        return new UserCountTrendRecord(refreshDate, reportDate, periodDays, anyApp, apps, prompts);
    }
}

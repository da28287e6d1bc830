namespace CopilotIngest.M365.Reports;

/// <summary>Reads rows of <c>getMicrosoft365CopilotUsageUserDetail</c> (v1 and v2 columns, CSV or JSON) into records.</summary>
internal static class UserActivityReader
{
    private static readonly ReportColumn s_promptsAllApps = new("Prompts submitted for all apps");
    private static readonly ReportColumn s_promptsChatWork = new("Prompts submitted for Copilot Chat (work)");
    private static readonly ReportColumn s_promptsChatWeb = new("Prompts submitted for Copilot Chat (web)");
    private static readonly ReportColumn s_activeDays = new("Active Usage Days for all apps");

    public static IReadOnlyList<ReportColumn> RequiredColumns { get; } = [ReportColumn.ReportRefreshDate, ReportColumn.UserPrincipalName];

    /// <summary>Returns the record, or null (and a malformed row in <paramref name="state"/>) when a value cannot be read.</summary>
    public static UserActivityRecord? Read(IReportRow row, ReportReadState state)
    {
        var reader = new RowReader(row);
        var refreshDate = reader.RequiredDate(ReportColumn.ReportRefreshDate);
        var upn = reader.RequiredText(ReportColumn.UserPrincipalName);
        var displayName = reader.Text(ReportColumn.DisplayName);
        var periodDays = reader.PeriodDays(ReportColumn.ReportPeriod);
        var lastActivity = reader.Date(ReportColumn.LastActivityDate.Key, ReportColumn.LastActivityDate.Name);

        var apps = new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
        foreach (var app in CopilotApp.All)
        {
            if (app.ActivityColumn is { } column && row.Has(column))
            {
                apps[app.Key] = reader.Date(column, app.Label + " Last Activity Date");
            }
        }

        var prompts = new UserPromptCounts(
            reader.Count(s_promptsAllApps.Key, s_promptsAllApps.Name),
            reader.Count(s_promptsChatWork.Key, s_promptsChatWork.Name),
            reader.Count(s_promptsChatWeb.Key, s_promptsChatWeb.Name),
            reader.Count(s_activeDays.Key, s_activeDays.Name));

        if (reader.Problem is { } problem)
        {
            state.Malformed(row.Location, problem);
            return null;
        }

        state.RowRead();
        return new UserActivityRecord(refreshDate, upn, displayName, periodDays, lastActivity, apps, prompts);
    }
}

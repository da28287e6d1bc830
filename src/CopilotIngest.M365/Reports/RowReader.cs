namespace CopilotIngest.M365.Reports;

/// <summary>Reads typed values from one report row, remembering the first problem (a reason naming the column, never the value).</summary>
internal sealed class RowReader(IReportRow row)
{
    public string? Problem { get; private set; }

    public DateOnly? Date(string key, string name)
    {
        if (!ReportValues.TryDate(row.Get(key), out var value))
        {
            Fail($"'{name}' is not a date (yyyy-MM-dd)");
        }

        return value;
    }

    public DateOnly RequiredDate(ReportColumn column)
    {
        var value = Date(column.Key, column.Name);
        if (value is null)
        {
            Fail($"'{column.Name}' is empty");
        }

        return value ?? default;
    }

    public long? Count(string key, string name)
    {
        if (!ReportValues.TryCount(row.Get(key), out var value))
        {
            Fail($"'{name}' is not a whole number");
        }

        return value;
    }

    public double? Number(string key, string name)
    {
        if (!ReportValues.TryNumber(row.Get(key), out var value))
        {
            Fail($"'{name}' is not a number");
        }

        return value;
    }

    public int? PeriodDays(ReportColumn column)
    {
        if (!ReportValues.TryPeriodDays(row.Get(column.Key), out var value))
        {
            Fail($"'{column.Name}' is not a number of days");
        }

        return value;
    }

    public string? Text(ReportColumn column)
    {
        var value = row.Get(column.Key)?.Trim();
        if (value is { Length: > ReportValues.MaxTextLength })
        {
            Fail($"'{column.Name}' is longer than {ReportValues.MaxTextLength} characters");
            return null;
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    public string RequiredText(ReportColumn column)
    {
        var value = Text(column);
        if (value is null && Problem is null)
        {
            Fail($"'{column.Name}' is empty");
        }

        return value ?? string.Empty;
    }

    /// <summary>Enabled and active users of every app whose columns the row has, and the "any app" totals.</summary>
    public (AppUserCount AnyApp, IReadOnlyDictionary<string, AppUserCount> Apps) AppCounts()
    {
        var anyApp = new AppUserCount(
            Count(CopilotApp.AnyAppCountPrefix + "enabledusers", "Any App Enabled Users"),
            Count(CopilotApp.AnyAppCountPrefix + "activeusers", "Any App Active Users"));
        var apps = new Dictionary<string, AppUserCount>(StringComparer.Ordinal);
        foreach (var app in CopilotApp.All)
        {
            if (app.EnabledUsersKey is not { } enabledKey || app.ActiveUsersKey is not { } activeKey || !(row.Has(enabledKey) || row.Has(activeKey)))
            {
                continue;
            }

            apps[app.Key] = new AppUserCount(Count(enabledKey, app.Label + " Enabled Users"), Count(activeKey, app.Label + " Active Users"));
        }

        return (anyApp, apps);
    }

    private void Fail(string reason) => Problem ??= reason;
}

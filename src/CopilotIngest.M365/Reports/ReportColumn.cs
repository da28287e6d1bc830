namespace CopilotIngest.M365.Reports;

/// <summary>A report column as the CSV header names it (for messages) with its normalized key (for lookups).</summary>
internal sealed record ReportColumn(string Name)
{
    public string Key { get; } = ColumnKey.Normalize(Name);

    public static ReportColumn ReportRefreshDate { get; } = new("Report Refresh Date");

    public static ReportColumn ReportPeriod { get; } = new("Report Period");

    public static ReportColumn ReportDate { get; } = new("Report Date");

    public static ReportColumn UserPrincipalName { get; } = new("User Principal Name");

    public static ReportColumn DisplayName { get; } = new("Display Name");

    public static ReportColumn LastActivityDate { get; } = new("Last Activity Date");
}

namespace CopilotIngest.M365.DataSets;

/// <summary>Names of the M365 data sets in logs and the run summary.</summary>
public static class DataSetNames
{
    public const string Summary = "m365_summary";
    public const string Users = "m365_users";
    public const string Trend = "m365_trend";
}

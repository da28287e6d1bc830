namespace CopilotIngest.M365.Reports;

/// <summary>Enabled (licensed) and active users of one app in one report row; null where the report left it empty.</summary>
internal sealed record AppUserCount(long? Enabled, long? Active);

/// <summary>One user of the Copilot usage user detail report.</summary>
/// <param name="AppLastActivity">Last activity by <see cref="CopilotApp.Key"/>, for every app column the report has (null = never).</param>
/// <param name="Prompts">v2 prompt and active-day counts; all null in v1.</param>
internal sealed record UserActivityRecord(
    DateOnly ReportRefreshDate,
    string UserPrincipalName,
    string? DisplayName,
    int? ReportPeriodDays,
    DateOnly? LastActivityDate,
    IReadOnlyDictionary<string, DateOnly?> AppLastActivity,
    UserPromptCounts Prompts);

/// <summary>The v2 per-user counters.</summary>
internal sealed record UserPromptCounts(long? AllApps, long? CopilotChatWork, long? CopilotChatWeb, long? ActiveUsageDays)
{
    public static UserPromptCounts None { get; } = new(null, null, null, null);
}

/// <summary>One row of the user count summary: enabled and active users per app over the period.</summary>
/// <param name="Apps">Counts by <see cref="CopilotApp.Key"/> for every app the report has columns for.</param>
internal sealed record UserCountSummaryRecord(
    DateOnly ReportRefreshDate,
    int? ReportPeriodDays,
    AppUserCount AnyApp,
    IReadOnlyDictionary<string, AppUserCount> Apps,
    long? TotalPrompts,
    double? AveragePrompts);

/// <summary>One day of the user count trend: enabled and active users per app on <see cref="ReportDate"/>.</summary>
internal sealed record UserCountTrendRecord(
    DateOnly ReportRefreshDate,
    DateOnly ReportDate,
    int? ReportPeriodDays,
    AppUserCount AnyApp,
    IReadOnlyDictionary<string, AppUserCount> Apps,
    long? Prompts);

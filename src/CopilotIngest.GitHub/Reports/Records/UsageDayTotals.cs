using System.Text.Json.Serialization;

namespace CopilotIngest.GitHub.Reports.Records;

/// <summary>
/// One day of an organization or enterprise: an element of <c>day_totals</c> of a 28-day report, or a line of a
/// 1-day report. GitHub does not document the 1-day line, so a line may also be a 28-day-style wrapper whose
/// <see cref="DayTotals"/> holds the days; the reader accepts both. Unknown fields are ignored, missing ones are null.
/// </summary>
public sealed record UsageDayTotals : ReportRecord
{
    public DateOnly? Day { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? EnterpriseId { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? OrganizationId { get; init; }

    public long? DailyActiveUsers { get; init; }

    public long? WeeklyActiveUsers { get; init; }

    public long? MonthlyActiveUsers { get; init; }

    public long? MonthlyActiveChatUsers { get; init; }

    public long? MonthlyActiveAgentUsers { get; init; }

    public long? DailyActiveCliUsers { get; init; }

    public long? DailyActiveCopilotCodeReviewUsers { get; init; }

    public long? WeeklyActiveCopilotCodeReviewUsers { get; init; }

    public long? MonthlyActiveCopilotCodeReviewUsers { get; init; }

    public long? DailyPassiveCopilotCodeReviewUsers { get; init; }

    public long? MonthlyPassiveCopilotCodeReviewUsers { get; init; }

    public long? DailyActiveCopilotCloudAgentUsers { get; init; }

    public long? MonthlyActiveCopilotCloudAgentUsers { get; init; }

    public IReadOnlyList<IdeTotals?>? TotalsByIde { get; init; }

    public IReadOnlyList<FeatureTotals?>? TotalsByFeature { get; init; }

    public IReadOnlyList<LanguageFeatureTotals?>? TotalsByLanguageFeature { get; init; }

    public CliTotals? TotalsByCli { get; init; }

    public PullRequestTotals? PullRequests { get; init; }

    /// <summary>Set on a 28-day-style line: the days it holds.</summary>
    public IReadOnlyList<UsageDayTotals?>? DayTotals { get; init; }

    public DateOnly? ReportStartDay { get; init; }

    public DateOnly? ReportEndDay { get; init; }
}

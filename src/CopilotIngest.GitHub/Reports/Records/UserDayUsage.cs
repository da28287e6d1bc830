using System.Text.Json.Serialization;

namespace CopilotIngest.GitHub.Reports.Records;

/// <summary>One line of a <c>users-1-day</c> or <c>users-28-day</c> report: what one user did on one day.</summary>
public sealed record UserDayUsage : ReportRecord
{
    public DateOnly? Day { get; init; }

    public long? UserId { get; init; }

    public string? UserLogin { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? EnterpriseId { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? OrganizationId { get; init; }

    public bool? UsedChat { get; init; }

    public bool? UsedAgent { get; init; }

    public bool? UsedCli { get; init; }

    public bool? UsedCopilotCodeReviewActive { get; init; }

    public bool? UsedCopilotCodeReviewPassive { get; init; }

    public IReadOnlyList<IdeTotals?>? TotalsByIde { get; init; }

    public IReadOnlyList<FeatureTotals?>? TotalsByFeature { get; init; }

    public IReadOnlyList<LanguageFeatureTotals?>? TotalsByLanguageFeature { get; init; }

    public CliTotals? TotalsByCli { get; init; }

    /// <summary><c>ai_credits_used</c>: the user's AI credits of the day (a usage metric, not the billed amount); null when the report does not say.</summary>
    public decimal? AiCreditsUsed { get; init; }
}

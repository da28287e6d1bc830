using System.Globalization;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Usage;

/// <summary>
/// Maps one day of an organization or enterprise (a <c>day_totals</c> element or a 1-day report line) to a
/// <c>github_copilot_usage</c> entity (pure). Port's own <c>githubCopilotOrganizationUsage</c> properties keep their
/// identifiers and meaning; values GitHub leaves out are left out. <c>acceptance_rate</c> is a calculation property
/// of the blueprint and not sent. The fields GitHub added in 2026 (<see cref="ExtraProperties.Scope"/>) are read
/// tolerantly: an unexpected shape is counted in the caller's <see cref="FieldProblems"/> and left out.
/// </summary>
public static class UsageEntityMapper
{
    public const string Blueprint = "github_copilot_usage";

    /// <summary>Every property the mapper may write, in blueprint order, with how it is read from the record.</summary>
    public static IReadOnlyList<(string Name, Func<UsageDayTotals, JsonNode?> Value)> RecordProperties { get; } =
    [
        ("daily_active_users", r => r.DailyActiveUsers),
        ("weekly_active_users", r => r.WeeklyActiveUsers),
        ("monthly_active_users", r => r.MonthlyActiveUsers),
        ("monthly_active_chat_users", r => r.MonthlyActiveChatUsers),
        ("monthly_active_agent_users", r => r.MonthlyActiveAgentUsers),
        ("user_initiated_interaction_count", r => r.UserInitiatedInteractionCount),
        ("code_generation_activity_count", r => r.CodeGenerationActivityCount),
        ("code_acceptance_activity_count", r => r.CodeAcceptanceActivityCount),
        ("loc_suggested_to_add_sum", r => r.LocSuggestedToAddSum),
        ("loc_suggested_to_delete_sum", r => r.LocSuggestedToDeleteSum),
        ("loc_added_sum", r => r.LocAddedSum),
        ("loc_deleted_sum", r => r.LocDeletedSum),
        ("editor_top", r => Breakdown.TopIde(r.TotalsByIde)),
        ("language_top", r => Breakdown.TopLanguage(r.TotalsByLanguageFeature)),
        ("chat_interactions", r => Breakdown.SumFeatures(r.TotalsByFeature, Breakdown.IsChatFeature, f => f.UserInitiatedInteractionCount)),
        ("chat_code_generation_activity_count", r => Breakdown.SumFeatures(r.TotalsByFeature, Breakdown.IsChatFeature, f => f.CodeGenerationActivityCount)),
        ("chat_code_acceptance_activity_count", r => Breakdown.SumFeatures(r.TotalsByFeature, Breakdown.IsChatFeature, f => f.CodeAcceptanceActivityCount)),
        ("agent_interactions", r => Breakdown.SumFeatures(r.TotalsByFeature, Breakdown.IsAgentFeature, f => f.UserInitiatedInteractionCount)),
        ("daily_active_copilot_cloud_agent_users", r => r.DailyActiveCopilotCloudAgentUsers),
        ("monthly_active_copilot_cloud_agent_users", r => r.MonthlyActiveCopilotCloudAgentUsers),
        ("daily_active_cli_users", r => r.DailyActiveCliUsers),
        ("cli_session_count", r => r.TotalsByCli?.SessionCount),
        ("cli_request_count", r => r.TotalsByCli?.RequestCount),
        ("cli_prompt_count", r => r.TotalsByCli?.PromptCount),
        ("daily_active_copilot_code_review_users", r => r.DailyActiveCopilotCodeReviewUsers),
        ("weekly_active_copilot_code_review_users", r => r.WeeklyActiveCopilotCodeReviewUsers),
        ("monthly_active_copilot_code_review_users", r => r.MonthlyActiveCopilotCodeReviewUsers),
        ("monthly_passive_copilot_code_review_users", r => r.MonthlyPassiveCopilotCodeReviewUsers),
        ("prs_created", r => r.PullRequests?.TotalCreated),
        ("prs_reviewed", r => r.PullRequests?.TotalReviewed),
        ("prs_merged", r => r.PullRequests?.TotalMerged),
        ("prs_created_by_copilot", r => r.PullRequests?.TotalCreatedByCopilot),
        ("prs_reviewed_by_copilot", r => r.PullRequests?.TotalReviewedByCopilot),
        ("prs_merged_by_copilot", r => r.PullRequests?.TotalMergedCreatedByCopilot),
        ("prs_merged_reviewed_by_copilot", r => r.PullRequests?.TotalMergedReviewedByCopilot),
        ("median_minutes_to_merge", r => r.PullRequests?.MedianMinutesToMerge),
        ("median_minutes_to_merge_copilot_authored", r => r.PullRequests?.MedianMinutesToMergeCopilotAuthored),
        ("median_minutes_to_merge_copilot_reviewed", r => r.PullRequests?.MedianMinutesToMergeCopilotReviewed),
        ("pr_review_suggestions", r => r.PullRequests?.TotalSuggestions),
        ("pr_review_applied_suggestions", r => r.PullRequests?.TotalAppliedSuggestions),
        ("total_copilot_suggestions", r => r.PullRequests?.TotalCopilotSuggestions),
        ("total_copilot_applied_suggestions", r => r.PullRequests?.TotalCopilotAppliedSuggestions),
    ];

    /// <summary><c>acme@2026-11-23</c> for an organization, <c>enterprise:acme@2026-11-23</c> for an enterprise.</summary>
    public static string Identifier(SeatScope scope, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return PortIdentifier.Compose(scope.PortKey, Date(day));
    }

    /// <summary>The day of an identifier this mapper made for <paramref name="scope"/>, or null for any other identifier.</summary>
    public static DateOnly? DayOf(SeatScope scope, string identifier)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(identifier);
        var prefix = scope.PortKey + "@";
        return identifier.StartsWith(prefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(identifier.AsSpan(prefix.Length), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : null;
    }

    /// <summary>Maps a record whose <see cref="UsageDayTotals.Day"/> is set (the reader fills it from the requested day when GitHub leaves it out).</summary>
    /// <summary>Written by <c>github_usage</c> with <c>GITHUB_AI_CREDITS=true</c> from the day's users report: the credits and the users carrying them.</summary>
    public const string AiCreditsUsed = "ai_credits_used";

    /// <summary>See <see cref="AiCreditsUsed"/>.</summary>
    public const string AiCreditsUsers = "ai_credits_users";

    public static PortEntity Map(SeatScope scope, UsageDayTotals totals, FieldProblems? problems = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(totals);
        var day = totals.Day ?? throw new ArgumentException("The record has no day.", nameof(totals));
        var date = Date(day);
        var properties = new JsonObject
        {
            ["scope_type"] = scope.TypeName,
            ["scope"] = scope.Slug,
            ["record_date"] = date + "T00:00:00Z",
        };
        if (scope.Type == SeatScopeType.Organization)
        {
            properties["git_hub_org"] = scope.Slug;
        }

        foreach (var (name, value) in RecordProperties)
        {
            if (value(totals) is { } node)
            {
                properties[name] = node;
            }
        }

        ExtraProperties.AddTo(properties, ReportExtras.Read(totals, problems ?? new FieldProblems()), ExtraProperties.Scope);

        var title = scope.Type == SeatScopeType.Organization
            ? $"{scope.Slug} Copilot usage {date}"
            : $"Enterprise {scope.Slug} Copilot usage {date}";
        return new PortEntity(Blueprint, Identifier(scope, day), title, properties);
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

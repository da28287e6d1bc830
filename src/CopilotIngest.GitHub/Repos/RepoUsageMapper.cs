using System.Globalization;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Usage;

namespace CopilotIngest.GitHub.Repos;

/// <summary>
/// Maps one repository's day to a <c>github_copilot_repo_usage</c> entity (pure): <c>&lt;scope&gt;@&lt;owner/name&gt;@&lt;day&gt;</c>,
/// the repository folded to lower case (GitHub names are case-insensitive). Values GitHub leaves out are left out.
/// </summary>
public static class RepoUsageMapper
{
    public const string Blueprint = "github_copilot_repo_usage";

    /// <summary>Every property the mapper may write from the report, in blueprint order.</summary>
    public static IReadOnlyList<(string Name, Func<RepoDay, JsonNode?> Value)> RecordProperties { get; } =
    [
        ("repository", r => r.FullName),
        ("repository_id", r => r.Id),
        ("private", r => r.Private),
        ("prs_created", r => r.PullRequests.TotalCreated),
        ("prs_reviewed", r => r.PullRequests.TotalReviewed),
        ("prs_merged", r => r.PullRequests.TotalMerged),
        ("prs_created_by_copilot", r => r.PullRequests.TotalCreatedByCopilot),
        ("prs_reviewed_by_copilot", r => r.PullRequests.TotalReviewedByCopilot),
        ("prs_merged_by_copilot", r => r.PullRequests.TotalMergedCreatedByCopilot),
        ("prs_merged_reviewed_by_copilot", r => r.PullRequests.TotalMergedReviewedByCopilot),
        ("median_minutes_to_merge", r => r.PullRequests.MedianMinutesToMerge),
        ("median_minutes_to_merge_copilot_authored", r => r.PullRequests.MedianMinutesToMergeCopilotAuthored),
        ("median_minutes_to_merge_copilot_reviewed", r => r.PullRequests.MedianMinutesToMergeCopilotReviewed),
        ("pr_review_suggestions", r => r.PullRequests.TotalSuggestions),
        ("pr_review_applied_suggestions", r => r.PullRequests.TotalAppliedSuggestions),
        ("total_copilot_suggestions", r => r.PullRequests.TotalCopilotSuggestions),
        ("total_copilot_applied_suggestions", r => r.PullRequests.TotalCopilotAppliedSuggestions),
        ("reviewed_prs_merged", r => r.ReviewTimes?.TotalMerged),
        ("median_minutes_ready_to_first_review", r => r.ReviewTimes?.MedianReadyToFirstReview),
        ("p90_minutes_ready_to_first_review", r => r.ReviewTimes?.P90ReadyToFirstReview),
        ("median_minutes_first_to_final_review", r => r.ReviewTimes?.MedianFirstToFinalReview),
        ("p90_minutes_first_to_final_review", r => r.ReviewTimes?.P90FirstToFinalReview),
        ("median_minutes_final_review_to_merge", r => r.ReviewTimes?.MedianFinalReviewToMerge),
        ("p90_minutes_final_review_to_merge", r => r.ReviewTimes?.P90FinalReviewToMerge),
    ];

    public static string Identifier(SeatScope scope, string repository, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(repository);
        return PortIdentifier.Compose(scope.PortKey, GitHubIdentity.Fold(repository), Date(day));
    }

    /// <summary>The day of an identifier this mapper made for <paramref name="scope"/>, or null.</summary>
    public static DateOnly? DayOf(SeatScope scope, string identifier) => DailyIdentifier.DayOfKeyed(scope, identifier);

    public static PortEntity Map(SeatScope scope, DateOnly day, RepoDay repository)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(repository);
        var date = Date(day);
        var properties = new JsonObject
        {
            ["scope_type"] = scope.TypeName,
            ["scope"] = scope.Slug,
            ["record_date"] = date + "T00:00:00Z",
        };
        foreach (var (name, value) in RecordProperties)
        {
            if (value(repository) is { } node)
            {
                properties[name] = node;
            }
        }

        var shown = repository.FullName ?? $"repository {repository.Id}";
        return new PortEntity(Blueprint, Identifier(scope, repository.Key, day), $"{shown} Copilot pull requests {date}", properties);
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

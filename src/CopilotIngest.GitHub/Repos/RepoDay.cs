using System.Text.Json;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Repos;

/// <summary>The review-stage times of the <c>pull_request_review_times</c> entry for pull requests people opened and people reviewed.</summary>
public sealed record ReviewTimes(
    long? TotalMerged,
    double? MedianReadyToFirstReview,
    double? P90ReadyToFirstReview,
    double? MedianFirstToFinalReview,
    double? P90FirstToFinalReview,
    double? MedianFinalReviewToMerge,
    double? P90FinalReviewToMerge);

/// <summary>One repository's day, resolved from whichever spelling the line used.</summary>
/// <param name="Private">True or false when the line says; null when it does not.</param>
/// <param name="ReviewTimes">Null when GitHub sent no review times; an entry with <c>TotalMerged = 0</c> for an empty array (no qualifying merges).</param>
public sealed record RepoDay(string Key, string? FullName, string? Id, bool? Private, PullRequestTotals PullRequests, ReviewTimes? ReviewTimes)
{
    /// <summary>Resolves a line; null when it names no repository (by name or id).</summary>
    public static RepoDay? From(RepoDayUsage line, FieldProblems problems)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(problems);
        var repository = line.Repository is { ValueKind: JsonValueKind.Object } r ? r : (JsonElement?)null;
        var fullName = First(
            line.Repository is { ValueKind: JsonValueKind.String } s ? s.GetString() : null,
            Text(repository, "full_name"),
            line.RepositoryName,
            line.RepoName,
            line.FullName,
            Text(repository, "name"),
            line.Name);
        var id = First(line.RepositoryId, line.RepoId, repository is { } o && o.TryGetProperty("id", out var idValue) && idValue.ValueKind is JsonValueKind.Number or JsonValueKind.String ? idValue.ToString() : null);
        if ((fullName ?? id) is not { } key)
        {
            return null;
        }

        var counters = line.PullRequests ?? TopLevelCounters(line, problems);
        return new RepoDay(key, fullName, id, Visibility(line, repository, problems), counters, ReviewTimesOf(line.PullRequestReviewTimes, problems));
    }

    /// <summary>The counters a line carries at its top level (no <c>pull_requests</c> object); empty when they are not numbers.</summary>
    private static PullRequestTotals TopLevelCounters(RepoDayUsage line, FieldProblems problems)
    {
        try
        {
            return line.Rest?.Deserialize(GitHubJsonContext.Default.PullRequestTotals) ?? new PullRequestTotals();
        }
        catch (JsonException)
        {
            problems.Add("pull_requests", "counters as numbers");
            return new PullRequestTotals();
        }
    }

    private static bool? Visibility(RepoDayUsage line, JsonElement? repository, FieldProblems problems)
    {
        JsonElement? visibility = line.Visibility;
        JsonElement? isPrivate = line.Private ?? line.IsPrivate;
        if (repository is { } o)
        {
            visibility ??= o.TryGetProperty("visibility", out var v) ? v : null;
            isPrivate ??= o.TryGetProperty("private", out var p) ? p : null;
        }

        if (visibility is { ValueKind: JsonValueKind.String } text)
        {
            return string.Equals(text.GetString(), "private", StringComparison.OrdinalIgnoreCase);
        }

        if (visibility is { ValueKind: not JsonValueKind.Null })
        {
            problems.Add("visibility", "public, private or internal");
        }

        return ExtraFieldReader.Flag(isPrivate, "private", problems);
    }

    private static ReviewTimes? ReviewTimesOf(JsonElement? value, FieldProblems problems)
    {
        const string Field = "pull_request_review_times";
        const string Shape = "an array of objects with authored_by, reviewed_by, total_merged and the median_/p90_minutes_* stage times";
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(Field, Shape);
            return null;
        }

        var entries = value.Value.EnumerateArray().ToList();
        if (entries.Count == 0)
        {
            return new ReviewTimes(0, null, null, null, null, null, null);
        }

        // The human-authored, human-reviewed entry (the only one GitHub sends so far); a single entry of another kind is taken as it is.
        var entry = entries.FirstOrDefault(e => e.ValueKind == JsonValueKind.Object && Text(e, "authored_by") is null or "human" && Text(e, "reviewed_by") is null or "human");
        if (entry.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Field, Shape);
            return null;
        }

        return new ReviewTimes(
            Whole(entry, "total_merged", problems, Field, Shape),
            Minutes(entry, "median_minutes_ready_to_first_review", problems, Field, Shape),
            Minutes(entry, "p90_minutes_ready_to_first_review", problems, Field, Shape),
            Minutes(entry, "median_minutes_first_to_final_review", problems, Field, Shape),
            Minutes(entry, "p90_minutes_first_to_final_review", problems, Field, Shape),
            Minutes(entry, "median_minutes_final_review_to_merge", problems, Field, Shape),
            Minutes(entry, "p90_minutes_final_review_to_merge", problems, Field, Shape));
    }

    private static double? Minutes(JsonElement entry, string name, FieldProblems problems, string field, string shape)
    {
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var minutes) && minutes >= 0)
        {
            return minutes;
        }

        problems.Add(field, shape);
        return null;
    }

    private static long? Whole(JsonElement entry, string name, FieldProblems problems, string field, string shape) =>
        Minutes(entry, name, problems, field, shape) is { } number
            ? Math.Floor(number) == number ? (long)number : Bad(problems, field, shape)
            : null;

    private static long? Bad(FieldProblems problems, string field, string shape)
    {
        problems.Add(field, shape);
        return null;
    }

    private static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}

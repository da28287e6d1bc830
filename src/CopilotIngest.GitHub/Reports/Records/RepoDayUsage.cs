using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CopilotIngest.GitHub.Reports.Records;

/// <summary>
/// One line of a <c>repos-1-day</c> report: one repository's pull-request activity on one day. GitHub has published
/// no example line, so every plausible spelling is accepted: the repository as <c>repository</c> (a full name, or an
/// object with <c>full_name</c>/<c>name</c>/<c>id</c>/<c>private</c>/<c>visibility</c>), <c>repository_name</c>,
/// <c>repo_name</c>, <c>full_name</c> or <c>name</c>; its id as <c>repository_id</c> or <c>repo_id</c>; its visibility
/// as <c>visibility</c>, <c>private</c> or <c>is_private</c>; the counters inside <c>pull_requests</c> or at the top
/// level; and a line may wrap several repositories in <c>repositories</c>. Unknown fields are ignored.
/// </summary>
public sealed record RepoDayUsage
{
    public DateOnly? Day { get; init; }

    /// <summary>A full name (<c>owner/name</c>) or a repository object.</summary>
    public JsonElement? Repository { get; init; }

    public string? RepositoryName { get; init; }

    public string? RepoName { get; init; }

    public string? FullName { get; init; }

    public string? Name { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? RepositoryId { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? RepoId { get; init; }

    public JsonElement? Visibility { get; init; }

    public JsonElement? Private { get; init; }

    public JsonElement? IsPrivate { get; init; }

    public PullRequestTotals? PullRequests { get; init; }

    /// <summary>GitHub added <c>pull_request_review_times</c> in September 2026; kept raw for tolerant reading.</summary>
    public JsonElement? PullRequestReviewTimes { get; init; }

    /// <summary>A wrapper line: the repositories it holds.</summary>
    public IReadOnlyList<RepoDayUsage?>? Repositories { get; init; }

    /// <summary>
    /// Every other field of the line: where GitHub does not nest the counters in <c>pull_requests</c>, they stand here
    /// at the top level and are read as <see cref="PullRequestTotals"/>.
    /// </summary>
    [JsonExtensionData]
    public JsonObject? Rest { get; set; }
}

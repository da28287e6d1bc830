namespace CopilotIngest.GitHub.Reports.Records;

/// <summary>One element of <c>totals_by_ide</c>.</summary>
public sealed record IdeTotals : CodeTotals
{
    public string? Ide { get; init; }
}

/// <summary>One element of <c>totals_by_feature</c>, e.g. <c>code_completion</c> or <c>chat_panel_agent_mode</c>.</summary>
public sealed record FeatureTotals : CodeTotals
{
    public string? Feature { get; init; }
}

/// <summary>One element of <c>totals_by_language_feature</c>.</summary>
public sealed record LanguageFeatureTotals : CodeTotals
{
    public string? Language { get; init; }

    public string? Feature { get; init; }
}

/// <summary><c>totals_by_cli</c>: Copilot CLI use (omitted when there was none).</summary>
public sealed record CliTotals
{
    public long? SessionCount { get; init; }

    public long? RequestCount { get; init; }

    public long? PromptCount { get; init; }
}

/// <summary><c>pull_requests</c> of an organization or enterprise day.</summary>
public sealed record PullRequestTotals
{
    public long? TotalCreated { get; init; }

    public long? TotalReviewed { get; init; }

    public long? TotalMerged { get; init; }

    public double? MedianMinutesToMerge { get; init; }

    public long? TotalSuggestions { get; init; }

    public long? TotalAppliedSuggestions { get; init; }

    public long? TotalCreatedByCopilot { get; init; }

    public long? TotalReviewedByCopilot { get; init; }

    public long? TotalMergedCreatedByCopilot { get; init; }

    public long? TotalMergedReviewedByCopilot { get; init; }

    public double? MedianMinutesToMergeCopilotAuthored { get; init; }

    public double? MedianMinutesToMergeCopilotReviewed { get; init; }

    public long? TotalCopilotSuggestions { get; init; }

    public long? TotalCopilotAppliedSuggestions { get; init; }
}

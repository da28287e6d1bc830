namespace CopilotIngest.GitHub.Reports;

/// <summary>One non-blank line of an NDJSON file: its record, or why it could not be read.</summary>
/// <param name="Number">The 1-based line number in the file.</param>
/// <param name="Value">The record, or null when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why the line was skipped (never its content).</param>
public readonly record struct NdjsonLine<T>(long Number, T? Value, string? Problem)
    where T : class;

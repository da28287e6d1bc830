using System.Text.Json.Serialization;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Redaction;

namespace CopilotIngest.Output;

/// <summary>The machine-readable summary of one run (<c>--summary-json</c>), written on every exit.</summary>
/// <param name="Outcome"><c>succeeded</c>, <c>failed</c>, <c>cancelled</c> or <c>invalid_settings</c>.</param>
/// <param name="Error">Why the run stopped, when it did not run to the end (settings problems, a cancelled run, …).</param>
internal sealed record RunSummary(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Succeeded,
    IReadOnlyList<DataSetSummary> DataSets,
    string Outcome = RunOutcome.Succeeded,
    int ExitCode = 0,
    string? Error = null,
    IReadOnlyList<string>? Problems = null)
{
    public static RunSummary From(IReadOnlyList<DataSetResult> results, DateTimeOffset startedAt, DateTimeOffset finishedAt, string outcome, int exitCode, string? error = null) =>
        new(startedAt, finishedAt, outcome == RunOutcome.Succeeded && results.All(r => r.Succeeded), [.. results.Select(DataSetSummary.From)], outcome, exitCode, error);

    /// <summary>A summary for a run that stopped before any data set ran (settings errors, a failed setup, cancellation).</summary>
    public static RunSummary Stopped(DateTimeOffset startedAt, DateTimeOffset finishedAt, string outcome, int exitCode, string error, IReadOnlyList<string>? problems = null) =>
        new(startedAt, finishedAt, false, [], outcome, exitCode, error, problems);

    /// <summary>The same summary with every message passed through <paramref name="redactor"/>.</summary>
    public RunSummary Redacted(SecretRedactor redactor) => this with
    {
        Error = redactor.RedactOptional(Error),
        Problems = Problems?.Select(redactor.Redact).ToList(),
        DataSets = [.. DataSets.Select(d => d with
        {
            Error = redactor.RedactOptional(d.Error),
            Failures = [.. d.Failures.Select(f => f with { Message = redactor.Redact(f.Message) })],
            Notes = [.. d.Notes.Select(redactor.Redact)],
        })],
    };
}

/// <summary>The values of <see cref="RunSummary.Outcome"/>.</summary>
internal static class RunOutcome
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string InvalidSettings = "invalid_settings";
}

/// <param name="Status"><c>ok</c>, <c>partial</c> (some entities not written), <c>failed</c> or <c>cancelled</c>.</param>
internal sealed record DataSetSummary(
    string Name,
    int Fetched,
    int Upserted,
    int Unchanged,
    int Deleted,
    int NotDeleted,
    int Failed,
    string? Error,
    IReadOnlyList<FailureSummary> Failures,
    IReadOnlyList<string> Notes,
    string Status = "ok")
{
    public static DataSetSummary From(DataSetResult result) =>
        new(result.Name, result.Fetched, result.Upserted, result.Unchanged, result.Deleted, result.NotDeleted, result.Failed, result.Error,
            [.. result.Failures.Select(f => new FailureSummary(f.Identifier, f.Message))], result.Notes ?? [], StatusOf(result));

    public static string StatusOf(DataSetResult result) =>
        result.Cancelled ? "cancelled" : result.Error is not null ? "failed" : result.Failed > 0 ? "partial" : "ok";
}

internal sealed record FailureSummary(string Identifier, string Message);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class RunSummaryJsonContext : JsonSerializerContext;

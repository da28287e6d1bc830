using System.Text.Json.Serialization;
using CopilotIngest.Core.Ingestion;

namespace CopilotIngest.Output;

/// <summary>The machine-readable summary of one run (<c>--summary-json</c>).</summary>
internal sealed record RunSummary(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Succeeded,
    IReadOnlyList<DataSetSummary> DataSets)
{
    public static RunSummary From(IReadOnlyList<DataSetResult> results, DateTimeOffset startedAt, DateTimeOffset finishedAt) =>
        new(startedAt, finishedAt, results.All(r => r.Succeeded), [.. results.Select(DataSetSummary.From)]);
}

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
    IReadOnlyList<string> Notes)
{
    public static DataSetSummary From(DataSetResult result) =>
        new(result.Name, result.Fetched, result.Upserted, result.Unchanged, result.Deleted, result.NotDeleted, result.Failed, result.Error,
            [.. result.Failures.Select(f => new FailureSummary(f.Identifier, f.Message))], result.Notes ?? []);
}

internal sealed record FailureSummary(string Identifier, string Message);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class RunSummaryJsonContext : JsonSerializerContext;

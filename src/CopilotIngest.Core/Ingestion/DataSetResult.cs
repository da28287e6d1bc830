using CopilotIngest.Core.Sinks;

namespace CopilotIngest.Core.Ingestion;

/// <summary>The outcome of one data set in one run; <see cref="Error"/> is set when the data set failed as a whole.</summary>
public sealed record DataSetResult(
    string Name,
    int Fetched,
    int Upserted,
    int Unchanged,
    int Deleted,
    IReadOnlyList<EntityFailure> Failures,
    string? Error = null,
    IReadOnlyList<string>? Notes = null)
{
    public int Failed => Failures.Count;

    /// <summary>Stale entities a guard kept this run (delete threshold, <c>RECONCILE_MODE=report</c>); each refusal is also a note.</summary>
    public int NotDeleted { get; init; }

    public bool Succeeded => Error is null && Failures.Count == 0;

    public static DataSetResult FromUpsert(string name, int fetched, UpsertReport report, int deleted = 0, IReadOnlyList<string>? notes = null) =>
        new(name, fetched, report.Upserted, report.Unchanged, deleted, report.Failures, null, notes);

    /// <summary>True when the run was cancelled before this data set finished (or before it started).</summary>
    public bool Cancelled { get; init; }

    public static DataSetResult Failure(string name, string error, int fetched = 0) =>
        new(name, fetched, 0, 0, 0, [], error);

    /// <summary>The run was cancelled while this data set ran (<paramref name="started"/>) or before it started.</summary>
    public static DataSetResult CancelledRun(string name, bool started) =>
        new(name, 0, 0, 0, 0, [], started ? "cancelled before it finished; what was written stays in Port" : "not started: the run was cancelled") { Cancelled = true };
}

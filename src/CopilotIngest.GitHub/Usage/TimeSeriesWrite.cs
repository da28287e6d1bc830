using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Usage;

/// <summary>
/// Writes a GitHub time-series data set's stream of day entities and turns the outcome into its result: a sink failure
/// fails the data set with what was read so far; every scope failing makes the data set's error. Time series never
/// delete a day, except an entity an earlier version wrote under another case whose folded twin exists (<see cref="IdentifierMigration"/>).
/// </summary>
internal static class TimeSeriesWrite
{
    public static async Task<DataSetResult> RunAsync(
        string name,
        string blueprint,
        IEntitySink sink,
        IdentifierMigration migration,
        IReadOnlyList<SeatScope> scopes,
        RunState run,
        IAsyncEnumerable<PortEntity> entities,
        Action<string> logSinkFailed,
        CancellationToken cancellationToken)
    {
        UpsertReport report;
        try
        {
            report = await sink.UpsertAsync(blueprint, entities, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logSinkFailed(ex.Message);
            return new DataSetResult(name, run.Fetched, 0, 0, 0, run.Failures, $"Writing {blueprint} entities failed: {ex.Message}", run.Notes);
        }

        var migrated = await migration.RunAsync(blueprint, GitHubIdentity.CurrentIdentifier, null, cancellationToken);
        if (migrated.Note is { } note)
        {
            run.Notes.Add(note);
        }

        return new DataSetResult(
            name, run.Fetched, report.Upserted, report.Unchanged, migrated.Deleted, [.. run.Failures, .. report.Failures], run.AllScopesFailedError(scopes.Count), run.Notes);
    }
}

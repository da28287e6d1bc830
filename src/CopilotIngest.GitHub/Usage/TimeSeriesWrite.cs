using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Usage;

/// <summary>
/// Writes a GitHub time-series data set's stream of day entities and turns the outcome into its result. What Port holds
/// for the blueprint is listed once, first, and serves both the gap finding (which days are missing) and the sink (which
/// entities are unchanged). A listing or sink failure fails the data set with what was read so far; every scope failing
/// makes the data set's error. Time series never delete a day, except an entity an earlier version wrote under
/// another case whose folded twin exists (<see cref="IdentifierMigration"/>).
/// </summary>
internal static class TimeSeriesWrite
{
    public static async Task<DataSetResult> RunAsync(
        string name,
        string blueprint,
        IEntitySink sink,
        IEntityStore store,
        IdentifierMigration migration,
        IReadOnlyList<SeatScope> scopes,
        RunState run,
        Func<HeldEntities, IAsyncEnumerable<PortEntity>> entities,
        Action<Exception, string> logSinkFailed,
        CancellationToken cancellationToken)
    {
        UpsertReport report;
        try
        {
            var held = await store.ListHeldAsync(blueprint, cancellationToken);
            report = await sink.UpsertAsync(blueprint, entities(held), held, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logSinkFailed(ex, ex.Message);
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

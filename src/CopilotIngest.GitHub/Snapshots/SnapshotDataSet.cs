using System.Runtime.CompilerServices;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Reconciliation;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.GitHub.Usage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Snapshots;

/// <summary>
/// A data set whose entities describe the present (users, seats) rather than a day. What Port holds for the blueprint is
/// listed once, before anything is written; every scope is read completely and written (entities whose content Port
/// already holds are skipped), then what Port held before the run for a completely read scope but this run did not
/// write is deleted, guarded by <c>GITHUB_DELETE_THRESHOLD</c> measured against that pre-run listing. A scope that
/// failed or was read incompletely is never reconciled.
/// </summary>
public abstract partial class SnapshotDataSet(
    IEntitySink sink,
    IEntityStore store,
    Reconciler reconciler,
    IdentifierMigration migration,
    IOptions<GitHubOptions> options,
    ShardPlan shard,
    ILogger logger) : IDataSet
{
    public abstract string Name { get; }

    protected abstract string Blueprint { get; }

    protected GitHubOptions Settings => options.Value;

    protected ILogger Logger => logger;

    public async Task<DataSetResult> RunAsync(CancellationToken cancellationToken)
    {
        var scopes = GitHubSeatsDataSet.Scopes(options.Value, shard, Name);
        if (scopes.Count == 0)
        {
            return GitHubSeatsDataSet.NothingInShard(Name, shard);
        }

        var run = new RunState();
        var seen = new Dictionary<SeatScope, HashSet<string>>();
        var complete = new List<SeatScope>();
        HeldEntities held;
        try
        {
            held = await store.ListHeldAsync(Blueprint, cancellationToken);
        }
        catch (ApiException ex)
        {
            LogListingFailed(logger, Blueprint, ex.Message);
            return DataSetResult.Failure(Name, $"Could not list the {Blueprint} entities Port holds: {ex.Message}; nothing was written or deleted.");
        }

        UpsertReport report;
        try
        {
            report = await sink.UpsertAsync(Blueprint, BuildEntitiesAsync(scopes, run, seen, complete, cancellationToken), held, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSinkFailed(logger, ex, Blueprint, ex.Message);
            return new DataSetResult(Name, run.Fetched, 0, 0, 0, run.Failures, $"Writing {Blueprint} entities failed: {ex.Message}; nothing was deleted.", run.Notes);
        }

        // Entities an earlier version wrote in another case go first, and leave the listing reconciliation judges by.
        // Judged from the listing taken before the run and what it wrote: the blueprint is listed once per run.
        var failed = report.Failures.Select(f => f.Identifier).ToHashSet(StringComparer.Ordinal);
        var written = seen.Values.SelectMany(ids => ids).Where(id => !failed.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var migrated = await migration.RunAsync(held, GitHubIdentity.CurrentIdentifier, written, cancellationToken);
        if (migrated.Note is { } migrationNote)
        {
            run.Notes.Add(migrationNote);
        }

        held = held.Without(migrated.Replaced);
        var outcome = ReconcileOutcome.None;
        foreach (var scope in complete)
        {
            try
            {
                var reconcileScope = ReconcileScope.WithSuffix(scope.ToString(), "@" + scope.PortKey, GitHubSettingNames.DeleteThreshold, Settings.DeleteThreshold, "GitHub");
                outcome = outcome.Add(await reconciler.ReconcileAsync(held, reconcileScope, seen[scope], cancellationToken));
            }
            catch (ApiException ex)
            {
                run.Fail(scope.PortKey, $"Could not remove stale {Blueprint} entities of {scope}: {ex.Message}");
            }
        }

        run.Notes.AddRange(outcome.Notes);
        var error = run.AllScopesFailedError(scopes.Count);

        return new DataSetResult(Name, run.Fetched, report.Upserted, report.Unchanged, migrated.Deleted + outcome.Deleted, [.. run.Failures, .. report.Failures], error, run.Notes)
        {
            NotDeleted = outcome.NotDeleted,
        };
    }

    /// <summary>Reads one scope completely (throwing <see cref="ApiException"/> when it cannot).</summary>
    protected abstract Task<ScopeSnapshot> ReadScopeAsync(SeatScope scope, CancellationToken cancellationToken);

    private async IAsyncEnumerable<PortEntity> BuildEntitiesAsync(
        IReadOnlyList<SeatScope> scopes,
        RunState run,
        Dictionary<SeatScope, HashSet<string>> seen,
        List<SeatScope> complete,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var scope in scopes)
        {
            if (run.RejectedToken is { } rejected)
            {
                run.FailScope(scope.PortKey, rejected.Message);
                continue;
            }

            ScopeSnapshot snapshot;
            try
            {
                snapshot = await ReadScopeAsync(scope, cancellationToken);
            }
            catch (ApiException ex)
            {
                LogScopeFailed(logger, Blueprint, scope, ex.Message);
                run.FailScope(scope.PortKey, ex.Message, ex);
                continue;
            }

            run.Notes.AddRange(snapshot.Notes);
            var identifiers = new HashSet<string>(StringComparer.Ordinal);
            seen[scope] = identifiers;
            foreach (var entity in snapshot.Entities)
            {
                identifiers.Add(entity.Identifier);
                run.Fetched++;
                yield return entity;
            }

            if (snapshot.Complete)
            {
                complete.Add(scope);
            }
            else
            {
                run.Notes.Add($"{scope}: the fetch was incomplete, so no {Blueprint} entity of it was deleted this run");
            }
        }
    }

    [LoggerMessage(EventId = 170, Level = LogLevel.Warning, Message = "Could not read the {Blueprint} entities of {Scope}: {Reason}")]
    private static partial void LogScopeFailed(ILogger logger, string blueprint, SeatScope scope, string reason);

    [LoggerMessage(EventId = 172, Level = LogLevel.Error, Message = "Could not list the {Blueprint} entities Port holds: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, string blueprint, string reason);

    [LoggerMessage(EventId = 171, Level = LogLevel.Error, Message = "Writing {Blueprint} entities failed: {Reason}")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string blueprint, string reason);
}

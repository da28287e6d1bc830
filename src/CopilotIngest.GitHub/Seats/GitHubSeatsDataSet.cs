using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Pricing;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Seats;

/// <summary>
/// <c>github_seats</c>: one <c>github_copilot_seats</c> entity per organization of <c>GITHUB_ORGS</c> and for
/// <c>GITHUB_ENTERPRISE</c>, for today (UTC). A scope that fails (missing permission, not found, GitHub down)
/// is reported and the other scopes go on; a rejected token stops them all.
/// </summary>
public sealed partial class GitHubSeatsDataSet(
    GitHubClient client,
    SeatListing listing,
    IEntitySink sink,
    IdentifierMigration migration,
    TimeProvider timeProvider,
    IOptions<GitHubOptions> options,
    IOptions<LicencePrices> prices,
    ShardPlan shard,
    ILogger<GitHubSeatsDataSet> logger) : IDataSet
{
    public const string DataSetName = "github_seats";

    public string Name => DataSetName;

    public async Task<DataSetResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var scopes = Scopes(settings, shard, Name);
        if (scopes.Count == 0)
        {
            return NothingInShard(Name, shard);
        }

        var run = new RunState();

        UpsertReport report;
        try
        {
            report = await sink.UpsertAsync(SeatsEntityMapper.Blueprint, BuildEntitiesAsync(scopes, now, day, settings.InactiveDays, run, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSinkFailed(ex, ex.Message);
            return new DataSetResult(Name, run.Fetched, 0, 0, 0, run.Failures, $"Writing {SeatsEntityMapper.Blueprint} entities failed: {ex.Message}", run.Notes);
        }

        string? error = null;
        if (scopes.Count > 0 && run.Fetched == 0)
        {
            error = scopes.Count == 1 ? run.Failures[0].Message : $"All {scopes.Count} GitHub scopes failed; first: {run.Failures[0].Message}";
        }

        var migrated = await migration.RunAsync(SeatsEntityMapper.Blueprint, GitHubIdentity.CurrentIdentifier, null, cancellationToken);
        if (migrated.Note is { } note)
        {
            run.Notes.Add(note);
        }

        return new DataSetResult(Name, run.Fetched, report.Upserted, report.Unchanged, migrated.Deleted, [.. run.Failures, .. report.Failures], error, run.Notes);
    }

    /// <summary>The scopes of <paramref name="dataSet"/> this shard of the run reads (all of them when the run is not sharded).</summary>
    internal static IReadOnlyList<SeatScope> Scopes(GitHubOptions settings, ShardPlan shard, string dataSet) => shard.Select(dataSet, AllScopes(settings));

    /// <summary>The result of a data set this shard has no scope of: nothing read, written or deleted.</summary>
    internal static DataSetResult NothingInShard(string dataSet, ShardPlan shard) => new(dataSet, 0, 0, 0, 0, [], null, [shard.NothingHereNote(dataSet)]);

    private static List<SeatScope> AllScopes(GitHubOptions settings)
    {
        var scopes = settings.Organizations.Select(SeatScope.Organization).ToList();
        if (settings.Enterprise is { } enterprise)
        {
            scopes.Add(SeatScope.Enterprise(enterprise));
        }

        return scopes;
    }

    private async IAsyncEnumerable<PortEntity> BuildEntitiesAsync(
        IReadOnlyList<SeatScope> scopes,
        DateTimeOffset now,
        DateOnly day,
        int inactiveDays,
        RunState run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ApiException? rejectedToken = null;
        foreach (var scope in scopes)
        {
            var identifier = SeatsEntityMapper.Identifier(scope, day);
            if (rejectedToken is not null)
            {
                run.Failures.Add(new EntityFailure(identifier, rejectedToken.Message));
                continue;
            }

            PortEntity entity;
            try
            {
                var snapshot = await ReadScopeAsync(scope, now, day, inactiveDays, cancellationToken);
                entity = SeatsEntityMapper.Map(snapshot);
                run.Fetched++;
                Describe(snapshot, run.Notes);
                LogScopeRead(scope, snapshot.Counts.SeatAssignments, snapshot.Counts.Assigned, snapshot.Counts.Active, snapshot.Counts.Inactive, snapshot.Counts.NeverUsed);
            }
            catch (ApiException ex)
            {
                LogScopeFailed(scope, ex.Message);
                run.Failures.Add(new EntityFailure(identifier, ex.Message));
                if (ex.StatusCode == HttpStatusCode.Unauthorized)
                {
                    rejectedToken = ex;
                }

                continue;
            }

            yield return entity;
        }
    }

    private async Task<SeatSnapshot> ReadScopeAsync(SeatScope scope, DateTimeOffset now, DateOnly day, int inactiveDays, CancellationToken cancellationToken)
    {
        var billing = scope.Type == SeatScopeType.Organization
            ? await client.GetOrganizationBillingAsync(scope.Slug, cancellationToken)
            : null;
        var tally = new SeatTally(now, inactiveDays);
        int? totalSeats = null;
        await foreach (var page in listing.GetPagesAsync(scope, Name, cancellationToken))
        {
            totalSeats ??= page.TotalSeats;
            foreach (var seat in page.Seats)
            {
                tally.Add(seat);
            }
        }

        var counts = tally.ToCounts();
        return new SeatSnapshot(scope, day, totalSeats, billing, counts, SeatCost.Compute(counts, billing?.PlanType, prices.Value));
    }

    private static void Describe(SeatSnapshot snapshot, List<string> notes)
    {
        var counts = snapshot.Counts;
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{snapshot.Scope}: {counts.Assigned} seated users ({counts.SeatAssignments} seat assignments), {counts.Active} active, {counts.Inactive} inactive, {counts.NeverUsed} never used, {counts.UtilisationPercent:0.0}% utilised"));
        if (snapshot.TotalSeats is { } total && total != counts.Assigned)
        {
            notes.Add($"{snapshot.Scope}: GitHub reports total_seats={total} but listed {counts.Assigned} distinct users");
        }

        foreach (var setting in SeatsEntityMapper.UndocumentedSettings(snapshot.Billing))
        {
            notes.Add($"{snapshot.Scope}: left out the undocumented setting {setting}");
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Read the Copilot seats of {Scope}: {SeatAssignments} seat assignments, {Assigned} users, {Active} active, {Inactive} inactive, {NeverUsed} never used")]
    private partial void LogScopeRead(SeatScope scope, int seatAssignments, int assigned, int active, int inactive, int neverUsed);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Could not read the Copilot seats of {Scope}: {Reason}")]
    private partial void LogScopeFailed(SeatScope scope, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "Writing GitHub seat entities failed: {Reason}")]
    private partial void LogSinkFailed(Exception exception, string reason);

    private sealed class RunState
    {
        public int Fetched { get; set; }

        public List<EntityFailure> Failures { get; } = [];

        public List<string> Notes { get; } = [];
    }
}

using System.Globalization;
using CopilotIngest.Core.Catalog;
using CopilotIngest.Core.Privacy;
using CopilotIngest.Core.Reconciliation;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Catalog;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.SeatDetails;

/// <summary>
/// <c>github_seat_details</c> (opt-in, <c>GITHUB_SEAT_DETAILS=true</c>): one <c>github_copilot_seat</c> entity per
/// seated user and scope with its status (<c>active</c>, <c>inactive</c>, <c>never_used</c>,
/// <c>pending_cancellation</c>) by <c>GITHUB_INACTIVE_DAYS</c>: the reclaim list. Users who lost their seat are deleted.
/// </summary>
public sealed class GitHubSeatDetailsDataSet(
    SeatListing seats,
    IEntitySink sink,
    IEntityStore store,
    Reconciler reconciler,
    IdentifierMigration migration,
    Pseudonymizer pseudonymizer,
    ICatalogRelations catalog,
    TimeProvider timeProvider,
    IOptions<GitHubOptions> options,
    ShardPlan shard,
    ILogger<GitHubSeatDetailsDataSet> logger) : SnapshotDataSet(sink, store, reconciler, migration, options, shard, logger)
{
    public const string DataSetName = "github_seat_details";

    public override string Name => DataSetName;

    protected override string Blueprint => SeatDetailsMapper.Blueprint;

    protected override async Task<ScopeSnapshot> ReadScopeAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        var directory = await SeatDirectory.ReadAsync(seats.GetPagesAsync(scope, Name, cancellationToken), cancellationToken);
        var now = timeProvider.GetUtcNow();
        var inactiveDays = Settings.InactiveDays;
        var byStatus = directory.Holders.GroupBy(h => SeatStatus.Of(h, now, inactiveDays)).ToDictionary(g => g.Key, g => g.Count());
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{scope}: {directory.Holders.Count} seated users: {string.Join(", ", SeatStatus.All.Select(s => $"{byStatus.GetValueOrDefault(s)} {s}"))}"),
        };
        if (directory.WithoutLogin > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{scope}: {directory.WithoutLogin} seat record(s) without an assignee were left out"));
        }

        if (directory.ShortListingNote(scope, Blueprint) is { } shortListing)
        {
            notes.Add(shortListing);
        }

        // In pseudonymize mode the relation would hold the real login (Port resolves it to githubUser's identifier).
        var link = pseudonymizer.IsActive ? null : await catalog.FindAsync(Blueprint, GitHubCatalogLinks.UserRelation, cancellationToken);
        var entities = directory.Holders.Select(h => GitHubCatalogLinks.Relate(SeatDetailsMapper.Map(scope, h, now, inactiveDays, pseudonymizer), link, h.Login, GitHubCatalogLinks.UserMatchProperty));
        return new ScopeSnapshot(entities, Complete: !directory.ShorterThanTotal, notes);
    }
}

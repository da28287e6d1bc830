using System.Globalization;
using CopilotIngest.Core.Catalog;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Privacy;
using CopilotIngest.Core.Reconciliation;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Catalog;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports;
using CopilotIngest.GitHub.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Users;

/// <summary>
/// <c>github_users</c> (opt-in, <c>GITHUB_USER_METRICS=true</c>): one <c>github_copilot_user</c> entity per user and
/// scope with a rolling 28-day summary from the <c>users-28-day</c> report, joined with the user's seat. Users no longer
/// active nor seated are deleted after a complete fetch (a report with skipped lines is not complete).
/// </summary>
public sealed partial class GitHubUsersDataSet(
    SeatListing listing,
    UsageReportReader reports,
    IEntitySink sink,
    IEntityStore store,
    Reconciler reconciler,
    IdentifierMigration migration,
    Pseudonymizer pseudonymizer,
    ICatalogRelations catalog,
    IOptions<GitHubOptions> options,
    ShardPlan shard,
    ILogger<GitHubUsersDataSet> logger) : SnapshotDataSet(sink, store, reconciler, migration, options, shard, logger)
{
    public const string DataSetName = "github_users";

    public override string Name => DataSetName;

    protected override string Blueprint => UserRollupMapper.Blueprint;

    protected override async Task<ScopeSnapshot> ReadScopeAsync(SeatScope scope, CancellationToken cancellationToken)
    {
        var read = await reports.ReadAsync(scope, UsageReportKind.UsersLatest28Days, null, GitHubJsonContext.Default.UserDayUsage, () => new UserRollupSet(), static (set, line) => set.Add(line), cancellationToken);
        if (read is null)
        {
            // 204: GitHub has no 28-day report for the scope yet (new scope, or metrics just enabled). Nothing is
            // written and, the snapshot being incomplete, nothing is reconciled.
            return new ScopeSnapshot([], Complete: false, [$"{scope}: GitHub has no users-28-day report yet (no data yet); the next run tries again."]);
        }

        var start = read.Links.ReportStartDay;
        var end = read.Links.ReportEndDay;
        if (start is not { } windowStart || end is not { } windowEnd)
        {
            throw new ApiException(GitHubPayload.Service, System.Net.HttpStatusCode.OK, $"GitHub's users-28-day answer for {scope} names no report_start_day or report_end_day. Check that {GitHubSettingNames.ApiUrl} points at the GitHub REST API.");
        }

        var seats = await SeatDirectory.ReadAsync(listing.GetPagesAsync(scope, Name, cancellationToken), cancellationToken);
        var usage = read.State;
        var notes = new List<string>(read.Problems.Select(p => p.ToString()));
        var activeSeated = usage.Users.Count(u => seats.Find(u.Login) is not null);
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{scope}: {usage.Users.Count} users active from {windowStart:yyyy-MM-dd} to {windowEnd:yyyy-MM-dd}, {seats.Holders.Count} seated, {seats.Holders.Count - activeSeated} seated without activity, {usage.Users.Count - activeSeated} active without a seat"));
        if (usage.Unusable > 0 || usage.Duplicates > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{scope}: left out {usage.Unusable} users-28-day line(s) without a login or day and {usage.Duplicates} repeated line(s)"));
        }

        foreach (var problem in usage.FieldProblems.Describe($"{scope} users-28-day report"))
        {
            LogFieldProblem(Logger, problem);
            notes.Add(problem);
        }

        if (seats.ShortListingNote(scope, Blueprint) is { } shortListing)
        {
            notes.Add(shortListing);
        }

        // In pseudonymize mode the relation would hold the real login (Port resolves it to githubUser's identifier).
        var link = pseudonymizer.IsActive ? null : await catalog.FindAsync(Blueprint, GitHubCatalogLinks.UserRelation, cancellationToken);
        var entities = Entities(scope, windowStart, windowEnd, usage, seats)
            .Select(e => GitHubCatalogLinks.Relate(e, link, e.Properties["login"]?.GetValue<string>(), GitHubCatalogLinks.UserMatchProperty));
        return new ScopeSnapshot(entities, Complete: read.Problems.Count == 0 && usage.Unusable == 0 && !seats.ShorterThanTotal, notes);
    }

    private IEnumerable<PortEntity> Entities(SeatScope scope, DateOnly start, DateOnly end, UserRollupSet usage, SeatDirectory seats)
    {
        foreach (var rollup in usage.Users)
        {
            yield return UserRollupMapper.Map(scope, start, end, rollup, seats.Find(rollup.Login), pseudonymizer);
        }

        foreach (var seat in seats.Holders)
        {
            if (usage.Find(seat.Login) is null)
            {
                yield return UserRollupMapper.Map(scope, start, end, null, seat, pseudonymizer);
            }
        }
    }

    [LoggerMessage(EventId = 173, Level = LogLevel.Warning, Message = "{Problem}")]
    private static partial void LogFieldProblem(ILogger logger, string problem);
}

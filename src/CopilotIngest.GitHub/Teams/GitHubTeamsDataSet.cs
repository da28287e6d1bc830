using System.Globalization;
using System.Runtime.CompilerServices;
using CopilotIngest.Core.Catalog;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Catalog;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.GitHub.Usage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Teams;

/// <summary>
/// <c>github_teams</c> (opt-in, <c>GITHUB_TEAM_METRICS=true</c>): one <c>github_copilot_team_usage</c> entity per team
/// per day, from <c>user-teams-1-day</c> joined with <c>users-1-day</c> of the same day. Like <c>github_usage</c> it
/// fetches the days of the lookback Port lacks, oldest first, writing each day as it is read; a day without any team
/// (GitHub leaves out teams under five seated users) is asked for again next run. Time series are never deleted.
/// </summary>
public sealed partial class GitHubTeamsDataSet(
    UsageReportReader reports,
    IEntitySink sink,
    IEntityStore store,
    IdentifierMigration migration,
    ICatalogRelations catalog,
    IOptions<GitHubOptions> options,
    ShardPlan shard,
    ILogger<GitHubTeamsDataSet> logger) : IDataSet
{
    public const string DataSetName = "github_teams";

    public string Name => DataSetName;

    public Task<DataSetResult> RunAsync(CancellationToken cancellationToken)
    {
        var scopes = GitHubSeatsDataSet.Scopes(options.Value, shard, Name);
        if (scopes.Count == 0)
        {
            return Task.FromResult(GitHubSeatsDataSet.NothingInShard(Name, shard));
        }

        var run = new RunState();
        return TimeSeriesWrite.RunAsync(Name, TeamUsageMapper.Blueprint, sink, store, migration, scopes, run, held => BuildEntitiesAsync(scopes, held, run, cancellationToken), LogSinkFailed, cancellationToken);
    }

    private static readonly DailyReportSeries.Describe s_describe = new(
        "team usage",
        "team or user report",
        (scope, days) => $"{scope}: no team had five or more seated Copilot users on {days} (GitHub leaves smaller teams out); asked again next run");

    private async IAsyncEnumerable<PortEntity> BuildEntitiesAsync(IReadOnlyList<SeatScope> scopes, HeldEntities held, RunState run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Organization teams only: an enterprise team's slug could name an organization team of Port's GitHub integration.
        var link = scopes.Any(s => s.Type == SeatScopeType.Organization)
            ? await catalog.FindAsync(TeamUsageMapper.Blueprint, GitHubCatalogLinks.TeamRelation, cancellationToken)
            : null;
        await foreach (var entity in DailyReportSeries.ReadAsync(scopes, held, run, options.Value, reports, s_describe, TeamUsageMapper.DayOf, (scope, day, token) => ReadTeamsAsync(scope, day, run, link, token), LogScopeFailed, LogDayFailed, cancellationToken))
        {
            yield return entity;
        }
    }

    private async Task<DayEntities> ReadTeamsAsync(SeatScope scope, DateOnly day, RunState run, CatalogRelation? link, CancellationToken cancellationToken)
    {
        var join = await ReadDayAsync(scope, day, run, cancellationToken);
        return join is null
            ? DayEntities.NoReport
            : new DayEntities([.. join.Teams.OrderBy(t => t.Slug, StringComparer.Ordinal).Select(team =>
            {
                var entity = TeamUsageMapper.Map(scope, day, team);
                return scope.Type == SeatScopeType.Organization ? GitHubCatalogLinks.Relate(entity, link, team.Slug, GitHubCatalogLinks.TeamMatchProperty) : entity;
            })]);
    }

    /// <summary>Reads the day's memberships, then streams its user rows into them; null when either report has no data.</summary>
    private async Task<TeamDayJoin?> ReadDayAsync(SeatScope scope, DateOnly day, RunState run, CancellationToken cancellationToken)
    {
        var memberships = await reports.ReadAsync(scope, UsageReportKind.UserTeamsOneDay, day, GitHubJsonContext.Default.UserTeamMembership, () => new TeamDayJoin(day), static (join, row) => join.AddMembership(row), cancellationToken);
        if (memberships is null)
        {
            return null;
        }

        var join = memberships.State;
        run.Notes.AddRange(memberships.Problems.Select(p => p.ToString()));
        if (join.Teams.Count == 0)
        {
            return join;
        }

        var usage = await reports.ReadAsync(scope, UsageReportKind.UsersOneDay, day, GitHubJsonContext.Default.UserDayUsage, join.StartUsage, static (j, row) => j.AddUsage(row), cancellationToken);
        if (usage is null)
        {
            return null;
        }

        run.Notes.AddRange(usage.Problems.Select(p => p.ToString()));
        foreach (var problem in join.FieldProblems.Describe(string.Create(CultureInfo.InvariantCulture, $"{scope} users-1-day report of {day:yyyy-MM-dd}")))
        {
            LogFieldProblem(problem);
            run.Notes.Add(problem);
        }

        return join;
    }

    [LoggerMessage(EventId = 180, Level = LogLevel.Warning, Message = "Could not read the Copilot team usage of {Scope}: {Reason}")]
    private partial void LogScopeFailed(SeatScope scope, string reason);

    [LoggerMessage(EventId = 181, Level = LogLevel.Warning, Message = "Could not read the Copilot team usage of {Scope} for {Day:yyyy-MM-dd}: {Reason}")]
    private partial void LogDayFailed(SeatScope scope, DateOnly day, string reason);

    [LoggerMessage(EventId = 183, Level = LogLevel.Warning, Message = "{Problem}")]
    private partial void LogFieldProblem(string problem);

    [LoggerMessage(EventId = 182, Level = LogLevel.Error, Message = "Writing GitHub team usage entities failed: {Reason}")]
    private partial void LogSinkFailed(Exception exception, string reason);
}

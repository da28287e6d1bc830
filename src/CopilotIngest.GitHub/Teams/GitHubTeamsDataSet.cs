using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using CopilotIngest.Core.Catalog;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
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

    private async IAsyncEnumerable<PortEntity> BuildEntitiesAsync(IReadOnlyList<SeatScope> scopes, HeldEntities held, RunState run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;

        // Organization teams only: an enterprise team's slug could name an organization team of Port's GitHub integration.
        var link = scopes.Any(s => s.Type == SeatScopeType.Organization)
            ? await catalog.FindAsync(TeamUsageMapper.Blueprint, GitHubCatalogLinks.TeamRelation, cancellationToken)
            : null;
        foreach (var scope in scopes)
        {
            if (run.RejectedToken is { } rejected)
            {
                run.FailScope(scope.PortKey, rejected.Message);
                continue;
            }

            DayWindow window;
            try
            {
                var newest = await reports.GetNewestDayAsync(scope, cancellationToken);
                window = DayWindow.Find(held, scope, newest, settings.UsageLookbackDays, id => TeamUsageMapper.DayOf(scope, id));
            }
            catch (ApiException ex)
            {
                LogScopeFailed(scope, ex.Message);
                run.FailScope(scope.PortKey, ex.Message, ex);
                continue;
            }

            run.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{scope}: team usage held for {window.Days - window.Missing.Count} of the {window.Days} day(s) from {window.First:yyyy-MM-dd} to {window.Newest:yyyy-MM-dd}; {window.Missing.Count} fetched"));
            var noData = new List<DateOnly>();
            var noTeams = new List<DateOnly>();
            var consecutiveFailures = 0;
            for (var i = 0; i < window.Missing.Count; i++)
            {
                var day = window.Missing[i];
                TeamDayJoin? join;
                try
                {
                    join = await ReadDayAsync(scope, day, run, cancellationToken);
                    consecutiveFailures = 0;
                }
                catch (ApiException ex)
                {
                    LogDayFailed(scope, day, ex.Message);
                    run.Fail(string.Create(CultureInfo.InvariantCulture, $"{scope.PortKey}@*@{day:yyyy-MM-dd}"), ex.Message, ex);
                    consecutiveFailures++;
                    if (ex.StatusCode == HttpStatusCode.Unauthorized || consecutiveFailures >= settings.MaxConsecutiveDayFailures)
                    {
                        var rest = window.Missing.Skip(i + 1).ToList();
                        if (rest.Count > 0)
                        {
                            run.Notes.Add($"{scope}: team usage stopped after {consecutiveFailures} failed day(s) in a row; {DayRanges.Format(rest)} left for the next run");
                        }

                        break;
                    }

                    continue;
                }

                if (join is null)
                {
                    noData.Add(day);
                    continue;
                }

                if (join.Teams.Count == 0)
                {
                    noTeams.Add(day);
                    continue;
                }

                foreach (var team in join.Teams.OrderBy(t => t.Slug, StringComparer.Ordinal))
                {
                    run.Fetched++;
                    var entity = TeamUsageMapper.Map(scope, day, team);
                    yield return scope.Type == SeatScopeType.Organization ? GitHubCatalogLinks.Relate(entity, link, team.Slug, GitHubCatalogLinks.TeamMatchProperty) : entity;
                }
            }

            if (noData.Count > 0)
            {
                run.Notes.Add($"{scope}: GitHub has no team or user report for {DayRanges.Format(noData)}; asked again next run");
            }

            if (noTeams.Count > 0)
            {
                run.Notes.Add($"{scope}: no team had five or more seated Copilot users on {DayRanges.Format(noTeams)} (GitHub leaves smaller teams out); asked again next run");
            }
        }
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
        return join;
    }

    [LoggerMessage(EventId = 180, Level = LogLevel.Warning, Message = "Could not read the Copilot team usage of {Scope}: {Reason}")]
    private partial void LogScopeFailed(SeatScope scope, string reason);

    [LoggerMessage(EventId = 181, Level = LogLevel.Warning, Message = "Could not read the Copilot team usage of {Scope} for {Day:yyyy-MM-dd}: {Reason}")]
    private partial void LogDayFailed(SeatScope scope, DateOnly day, string reason);

    [LoggerMessage(EventId = 182, Level = LogLevel.Error, Message = "Writing GitHub team usage entities failed: {Reason}")]
    private partial void LogSinkFailed(string reason);
}

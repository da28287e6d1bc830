using System.Globalization;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.GitHub.Usage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Repos;

/// <summary>
/// <c>github_repos</c> (opt-in, <c>GITHUB_REPO_METRICS=true</c>): one <c>github_copilot_repo_usage</c> entity per
/// repository per day from the <c>repos-1-day</c> report (pull-request counters and review-stage times). Like
/// <c>github_teams</c> it fetches the days of the lookback Port lacks, oldest first, writing each day as it is read; GitHub
/// lists only repositories with activity that day, and a day without any (or with only private ones left out by
/// <c>GITHUB_REPO_METRICS_PRIVATE=false</c>) is asked for again next run. Time series are never deleted.
/// </summary>
public sealed partial class GitHubRepoUsageDataSet(
    UsageReportReader reports,
    IEntitySink sink,
    IEntityStore store,
    IdentifierMigration migration,
    IOptions<GitHubOptions> options,
    ShardPlan shard,
    ILogger<GitHubRepoUsageDataSet> logger) : IDataSet
{
    public const string DataSetName = "github_repos";

    private static readonly DailyReportSeries.Describe s_describe = new(
        "repository usage",
        "repository report",
        (scope, days) => $"{scope}: no repository to write on {days} (GitHub lists only repositories with pull-request activity that day); asked again next run");

    public string Name => DataSetName;

    public Task<DataSetResult> RunAsync(CancellationToken cancellationToken)
    {
        var scopes = GitHubSeatsDataSet.Scopes(options.Value, shard, Name);
        if (scopes.Count == 0)
        {
            return Task.FromResult(GitHubSeatsDataSet.NothingInShard(Name, shard));
        }

        var run = new RunState();
        return TimeSeriesWrite.RunAsync(
            Name,
            RepoUsageMapper.Blueprint,
            sink,
            store,
            migration,
            scopes,
            run,
            held => DailyReportSeries.ReadAsync(scopes, held, run, options.Value, reports, s_describe, RepoUsageMapper.DayOf, (scope, day, token) => ReadDayAsync(scope, day, run, token), LogScopeFailed, LogDayFailed, cancellationToken),
            LogSinkFailed,
            cancellationToken);
    }

    private async Task<DayEntities> ReadDayAsync(SeatScope scope, DateOnly day, RunState run, CancellationToken cancellationToken)
    {
        var read = await reports.ReadAsync(scope, UsageReportKind.ReposOneDay, day, GitHubJsonContext.Default.RepoDayUsage, () => new RepoDaySet(day), static (set, line) => set.Add(line), cancellationToken);
        if (read is null)
        {
            return DayEntities.NoReport;
        }

        run.Notes.AddRange(read.Problems.Select(p => p.ToString()));
        var set = read.State;
        var where = string.Create(CultureInfo.InvariantCulture, $"{scope} repos-1-day report of {day:yyyy-MM-dd}");
        foreach (var problem in set.FieldProblems.Describe(where))
        {
            LogFieldProblem(problem);
            run.Notes.Add(problem);
        }

        if (set.Skipped > 0 || set.Duplicates > 0)
        {
            run.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: left out {set.Skipped} line(s) naming no repository (or another day) and {set.Duplicates} repeated line(s)"));
        }

        var kept = options.Value.RepoMetricsPrivate ? [.. set.Repositories] : set.Repositories.Where(r => r.Private == false).ToList();
        var unknown = options.Value.RepoMetricsPrivate ? 0 : set.Repositories.Count(r => r.Private is null);
        if (kept.Count < set.Repositories.Count)
        {
            run.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: left out {set.Repositories.Count - kept.Count} private repositor(y/ies) ({GitHubSettingNames.RepoMetricsPrivate}=false){(unknown > 0 ? $", {unknown} of them because GitHub did not say whether they are private" : string.Empty)}"));
        }

        return new DayEntities([.. kept.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase).Select(r => RepoUsageMapper.Map(scope, day, r))]);
    }

    [LoggerMessage(EventId = 165, Level = LogLevel.Warning, Message = "Could not read the Copilot repository usage of {Scope}: {Reason}")]
    private partial void LogScopeFailed(SeatScope scope, string reason);

    [LoggerMessage(EventId = 166, Level = LogLevel.Warning, Message = "Could not read the Copilot repository usage of {Scope} for {Day:yyyy-MM-dd}: {Reason}")]
    private partial void LogDayFailed(SeatScope scope, DateOnly day, string reason);

    [LoggerMessage(EventId = 167, Level = LogLevel.Error, Message = "Writing GitHub repository usage entities failed: {Reason}")]
    private partial void LogSinkFailed(Exception exception, string reason);

    [LoggerMessage(EventId = 168, Level = LogLevel.Warning, Message = "{Problem}")]
    private partial void LogFieldProblem(string problem);
}

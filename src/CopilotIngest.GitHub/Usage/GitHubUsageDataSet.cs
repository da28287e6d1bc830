using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports;
using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Seats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Usage;

/// <summary>
/// <c>github_usage</c>: one <c>github_copilot_usage</c> entity per scope per day. For each organization and the
/// enterprise it asks GitHub for the newest published day, finds the days of the last <c>GITHUB_USAGE_LOOKBACK_DAYS</c>
/// Port does not hold yet, and reads exactly those with 1-day reports, oldest first. Each day is written as soon as
/// it is read, so a run stopped half-way keeps what it wrote and the next run fetches only the rest. Days GitHub has no
/// report for are noted and asked for again next run. Time series are never deleted.
/// </summary>
public sealed partial class GitHubUsageDataSet(
    UsageReportReader reports,
    IEntitySink sink,
    IEntityStore store,
    IdentifierMigration migration,
    IOptions<GitHubOptions> options,
    ShardPlan shard,
    ILogger<GitHubUsageDataSet> logger) : IDataSet
{
    public const string DataSetName = "github_usage";

    public string Name => DataSetName;

    public Task<DataSetResult> RunAsync(CancellationToken cancellationToken)
    {
        var scopes = GitHubSeatsDataSet.Scopes(options.Value, shard, Name);
        if (scopes.Count == 0)
        {
            return Task.FromResult(GitHubSeatsDataSet.NothingInShard(Name, shard));
        }

        var run = new RunState();
        return TimeSeriesWrite.RunAsync(Name, UsageEntityMapper.Blueprint, sink, store, migration, scopes, run, held => BuildEntitiesAsync(scopes, held, run, cancellationToken), LogSinkFailed, cancellationToken);
    }

    private async IAsyncEnumerable<PortEntity> BuildEntitiesAsync(IReadOnlyList<SeatScope> scopes, HeldEntities held, RunState run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var scope in scopes)
        {
            if (run.RejectedToken is { } rejected)
            {
                run.FailScope(scope.PortKey, rejected.Message);
                continue;
            }

            IReadOnlyList<DateOnly> missing;
            try
            {
                missing = await MissingDaysAsync(scope, held, settings.UsageLookbackDays, run, cancellationToken);
            }
            catch (ApiException ex)
            {
                LogScopeFailed(scope, ex.Message);
                run.FailScope(scope.PortKey, ex.Message, ex);
                continue;
            }

            var noData = new List<DateOnly>();
            var problems = new FieldProblems();
            var consecutiveFailures = 0;
            for (var i = 0; i < missing.Count; i++)
            {
                var day = missing[i];
                PortEntity? entity;
                try
                {
                    entity = await ReadDayAsync(scope, day, run, noData, problems, cancellationToken);
                    consecutiveFailures = 0;
                }
                catch (ApiException ex)
                {
                    LogDayFailed(scope, day, ex.Message);
                    run.Fail(UsageEntityMapper.Identifier(scope, day), ex.Message, ex);
                    consecutiveFailures++;
                    if (ex.StatusCode == HttpStatusCode.Unauthorized || consecutiveFailures >= settings.MaxConsecutiveDayFailures)
                    {
                        var rest = missing.Skip(i + 1).ToList();
                        if (rest.Count > 0)
                        {
                            run.Notes.Add($"{scope}: stopped after {consecutiveFailures} failed day(s) in a row; {DayRanges.Format(rest)} left for the next run");
                        }

                        break;
                    }

                    continue;
                }

                if (entity is not null)
                {
                    run.Fetched++;
                    yield return entity;
                }
            }

            if (noData.Count > 0)
            {
                run.Notes.Add($"{scope}: GitHub has no report for {DayRanges.Format(noData)} ({noData.Count} day(s)); asked again next run");
            }

            foreach (var problem in problems.Describe($"{scope} usage"))
            {
                LogFieldProblem(problem);
                run.Notes.Add(problem);
            }
        }
    }

    private async Task<IReadOnlyList<DateOnly>> MissingDaysAsync(SeatScope scope, HeldEntities held, int lookbackDays, RunState run, CancellationToken cancellationToken)
    {
        var newest = await reports.GetNewestDayAsync(scope, cancellationToken);
        var window = DayWindow.Find(held, scope, newest, lookbackDays, id => UsageEntityMapper.DayOf(scope, id));
        var present = window.Days - window.Missing.Count;
        LogWindow(scope, window.First, newest, present, window.Missing.Count);
        run.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{scope}: newest published day {newest:yyyy-MM-dd}; Port held {present} of the {window.Days} day(s) from {window.First:yyyy-MM-dd}, {window.Missing.Count} fetched"));
        return window.Missing;
    }

    private async Task<PortEntity?> ReadDayAsync(SeatScope scope, DateOnly day, RunState run, List<DateOnly> noData, FieldProblems problems, CancellationToken cancellationToken)
    {
        var read = await reports.ReadAsync(scope, UsageReportKind.ScopeOneDay, day, GitHubJsonContext.Default.UsageDayTotals, () => new DayTotalsPick(day), static (pick, line) => pick.Add(line), cancellationToken);
        if (read is null)
        {
            noData.Add(day);
            return null;
        }

        foreach (var problem in read.Problems)
        {
            run.Notes.Add(problem.ToString());
        }

        var pick = read.State;
        if (pick.Duplicates > 0)
        {
            run.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{scope}: the report for {day:yyyy-MM-dd} holds {pick.Duplicates + 1} records for the day; the first was used"));
        }

        if (pick.Totals is null)
        {
            noData.Add(day);
            return null;
        }

        var entity = UsageEntityMapper.Map(scope, pick.Totals, problems);
        if (options.Value.AiCredits)
        {
            await AddAiCreditsAsync(scope, day, entity, run, cancellationToken);
        }

        return entity;
    }

    /// <summary>
    /// <c>GITHUB_AI_CREDITS</c>: the day's <c>ai_credits_used</c> summed over its users-1-day report. Without the field (or
    /// the report) the property stays absent; a failure other than a rejected token is noted and the day is written without it.
    /// </summary>
    private async Task AddAiCreditsAsync(SeatScope scope, DateOnly day, PortEntity entity, RunState run, CancellationToken cancellationToken)
    {
        try
        {
            var users = await reports.ReadAsync(scope, UsageReportKind.UsersOneDay, day, GitHubJsonContext.Default.UserDayUsage, () => new AiCreditsSum(day), static (sum, line) => sum.Add(line), cancellationToken);
            if (users?.State is { Total: { } total } sum)
            {
                entity.Properties[UsageEntityMapper.AiCreditsUsed] = total;
                entity.Properties[UsageEntityMapper.AiCreditsUsers] = sum.Users;
            }
        }
        catch (ApiException ex) when (ex.StatusCode != HttpStatusCode.Unauthorized)
        {
            LogAiCreditsFailed(ex, scope, day, ex.Message);
            run.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{scope}: ai_credits_used of {day:yyyy-MM-dd} left empty, the users report could not be read: {ex.Message}"));
        }
    }

    [LoggerMessage(EventId = 150, Level = LogLevel.Information, Message = "Usage of {Scope}: Port holds {Present} day(s) of {First:yyyy-MM-dd}..{Newest:yyyy-MM-dd}, fetching {Missing}")]
    private partial void LogWindow(SeatScope scope, DateOnly first, DateOnly newest, int present, int missing);

    [LoggerMessage(EventId = 151, Level = LogLevel.Warning, Message = "Could not read the Copilot usage of {Scope}: {Reason}")]
    private partial void LogScopeFailed(SeatScope scope, string reason);

    [LoggerMessage(EventId = 152, Level = LogLevel.Warning, Message = "Could not read the Copilot usage of {Scope} for {Day:yyyy-MM-dd}: {Reason}")]
    private partial void LogDayFailed(SeatScope scope, DateOnly day, string reason);

    [LoggerMessage(EventId = 155, Level = LogLevel.Warning, Message = "{Problem}")]
    private partial void LogFieldProblem(string problem);

    [LoggerMessage(EventId = 154, Level = LogLevel.Warning, Message = "Could not read the AI credits of {Scope} for {Day:yyyy-MM-dd}: {Reason}")]
    private partial void LogAiCreditsFailed(Exception exception, SeatScope scope, DateOnly day, string reason);

    [LoggerMessage(EventId = 153, Level = LogLevel.Error, Message = "Writing GitHub usage entities failed: {Reason}")]
    private partial void LogSinkFailed(Exception exception, string reason);
}

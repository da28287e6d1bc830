using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Seats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Billing;

/// <summary>
/// <c>github_billing</c> (opt-in, <c>GITHUB_BILLING_USAGE=true</c>): one <c>github_copilot_billing</c> entity per scope and
/// day with GitHub's premium request (AI credit) billing usage, for the last <see cref="GitHubOptions.BillingLookbackDays"/>
/// complete UTC days (late corrections are picked up; unchanged days are not rewritten). A scope whose token may not read
/// its billing usage (403) or that is not on GitHub's enhanced billing platform (404) is skipped with a note, not failed.
/// </summary>
public sealed partial class GitHubBillingDataSet(
    GitHubClient client,
    IEntitySink sink,
    TimeProvider timeProvider,
    IOptions<GitHubOptions> options,
    ShardPlan shard,
    ILogger<GitHubBillingDataSet> logger) : IDataSet
{
    public const string DataSetName = "github_billing";

    public string Name => DataSetName;

    public async Task<DataSetResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var scopes = GitHubSeatsDataSet.Scopes(settings, shard, Name);
        if (scopes.Count == 0)
        {
            return GitHubSeatsDataSet.NothingInShard(Name, shard);
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var days = Enumerable.Range(1, settings.BillingLookbackDays).Select(i => today.AddDays(-i)).Reverse().ToList();
        var run = new BillingRun();
        UpsertReport report;
        try
        {
            report = await sink.UpsertAsync(BillingEntityMapper.Blueprint, BuildEntitiesAsync(scopes, days, run, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSinkFailed(ex, ex.Message);
            return new DataSetResult(Name, run.Fetched, 0, 0, 0, run.Failures, $"Writing {BillingEntityMapper.Blueprint} entities failed: {ex.Message}", run.Notes);
        }

        var error = run.Fetched == 0 && run.Failures.Count > 0 ? run.Failures[0].Message : null;
        return new DataSetResult(Name, run.Fetched, report.Upserted, report.Unchanged, 0, [.. run.Failures, .. report.Failures], error, run.Notes);
    }

    private async IAsyncEnumerable<PortEntity> BuildEntitiesAsync(IReadOnlyList<SeatScope> scopes, List<DateOnly> days, BillingRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ApiException? rejectedToken = null;
        foreach (var scope in scopes)
        {
            foreach (var day in days)
            {
                var identifier = BillingEntityMapper.Identifier(scope, day);
                if (rejectedToken is not null)
                {
                    run.Failures.Add(new EntityFailure(identifier, rejectedToken.Message));
                    break;
                }

                IReadOnlyList<PremiumRequestItem> items;
                try
                {
                    items = await client.GetPremiumRequestUsageAsync(scope, day, cancellationToken);
                }
                catch (ApiException ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                {
                    LogScopeSkipped(scope, ex.Message);
                    run.Notes.Add($"{scope}: skipped, the premium request billing usage cannot be read: {ex.Message}");
                    break;
                }
                catch (ApiException ex)
                {
                    LogDayFailed(scope, day, ex.Message);
                    run.Failures.Add(new EntityFailure(identifier, ex.Message));
                    if (ex.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        rejectedToken = ex;
                    }

                    continue;
                }

                run.Fetched++;
                yield return BillingEntityMapper.Map(scope, day, items);
            }
        }

        if (run.Fetched > 0)
        {
            run.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"premium request usage of {days[0]:yyyy-MM-dd}..{days[^1]:yyyy-MM-dd} read for {run.Fetched} scope day(s)"));
        }
    }

    [LoggerMessage(EventId = 160, Level = LogLevel.Warning, Message = "Skipped the premium request billing usage of {Scope}: {Reason}")]
    private partial void LogScopeSkipped(SeatScope scope, string reason);

    [LoggerMessage(EventId = 161, Level = LogLevel.Warning, Message = "Could not read the premium request billing usage of {Scope} for {Day:yyyy-MM-dd}: {Reason}")]
    private partial void LogDayFailed(SeatScope scope, DateOnly day, string reason);

    [LoggerMessage(EventId = 162, Level = LogLevel.Error, Message = "Writing GitHub billing entities failed: {Reason}")]
    private partial void LogSinkFailed(Exception exception, string reason);

    private sealed class BillingRun
    {
        public int Fetched { get; set; }

        public List<EntityFailure> Failures { get; } = [];

        public List<string> Notes { get; } = [];
    }
}

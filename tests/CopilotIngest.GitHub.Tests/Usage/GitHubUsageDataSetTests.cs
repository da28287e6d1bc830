using System.Net;
using CopilotIngest.Core.Entities;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Usage;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Usage;

/// <summary><c>github_usage</c> end to end: simulated GitHub (API + download host) → reader → mapper → fake Port.</summary>
public sealed class GitHubUsageDataSetTests
{
    private const string Blueprint = UsageEntityMapper.Blueprint;
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly s_newest = new(2026, 11, 23);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_EmptyPort_WritesEveryDayOfTheLookbackForEveryScope()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error ?? string.Join("; ", result.Failures.Select(f => f.Message)));
        Assert.Equal(("github_usage", 84, 84), (result.Name, result.Fetched, result.Upserted));
        foreach (var key in new[] { "octo-web", "octo-data", "enterprise:octo-ent" })
        {
            var days = Days(port, key);
            Assert.Equal(28, days.Count);
            Assert.Equal(s_newest, days[^1]);
            Assert.Equal(s_newest.AddDays(-27), days[0]);
        }

        Assert.All(github.DownloadRequests, r => Assert.False(r.HadAuthorization));
        Assert.Equal(84, github.DownloadRequests.Count);
    }

    [Fact]
    public async Task RunAsync_Entity_CarriesTheSimulatedTotalsOfThatDay()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Settings("3"));

        await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        var organization = github.Population.Organizations[0];
        var expected = SimulatedUsage.DayTotals(github.Population, organization, s_newest);
        var entity = port.Entity(Blueprint, $"octo-web@{s_newest:yyyy-MM-dd}");
        var p = entity.Properties;
        Assert.Equal("octo-web Copilot usage 2026-11-23", entity.Title);
        Assert.Equal("2026-11-23T00:00:00Z", (string?)p["record_date"]);
        Assert.Equal(("org", "octo-web", "octo-web"), ((string?)p["scope_type"], (string?)p["scope"], (string?)p["git_hub_org"]));
        Assert.Equal(expected.DailyActiveUsers, (long)p["daily_active_users"]!);
        Assert.Equal(expected.WeeklyActiveUsers, (long)p["weekly_active_users"]!);
        Assert.Equal(expected.MonthlyActiveUsers, (long)p["monthly_active_users"]!);
        Assert.Equal(expected.Totals.CodeGenerations, (long)p["code_generation_activity_count"]!);
        Assert.Equal(expected.Totals.CodeAcceptances, (long)p["code_acceptance_activity_count"]!);
        Assert.Equal(expected.ByIde.MaxBy(i => i.Value.CodeGenerations).Key, (string?)p["editor_top"]);
        Assert.Equal(expected.PullRequests["total_created_by_copilot"], (long)p["prs_created_by_copilot"]!);
        Assert.False(p.ContainsKey("acceptance_rate"));
        var enterprise = port.Entity(Blueprint, $"enterprise:octo-ent@{s_newest:yyyy-MM-dd}");
        Assert.Equal("Enterprise octo-ent Copilot usage 2026-11-23", enterprise.Title);
        Assert.False(enterprise.Properties.ContainsKey("git_hub_org"));
        Assert.Equal(SimulatedUsage.DayTotals(github.Population, null, s_newest).DailyActiveUsers, (long)enterprise.Properties["daily_active_users"]!);
    }

    [Fact]
    public async Task RunAsync_SecondRun_FetchesNothingAndAsksForNoDay()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);
        await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);
        var before = github.Requests.Count;

        var second = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(second.Succeeded);
        Assert.Equal((0, 0), (second.Fetched, second.Upserted));
        Assert.Equal(3, github.Requests.Count - before);
        Assert.All(github.Requests.Skip(before), r => Assert.EndsWith("-28-day/latest", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_KilledHalfWayThenRunAgain_LeavesNoGapsAndWritesNothingTwice()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var written = 0;
        port.AfterUpsert = _ =>
        {
            if (++written == 40)
            {
                kill.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.DataSet<GitHubUsageDataSet>().RunAsync(kill.Token));
        Assert.Equal(40, port.Entities(Blueprint).Count);
        port.AfterUpsert = null;

        var rerun = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(rerun.Succeeded);
        Assert.Equal(44, rerun.Fetched);
        Assert.Equal(84, port.Entities(Blueprint).Count);
        Assert.All(port.Entities(Blueprint), e => Assert.Equal(1, port.Writes(Blueprint, e.Identifier)));
        foreach (var key in new[] { "octo-web", "octo-data", "enterprise:octo-ent" })
        {
            AssertNoGaps(Days(port, key), s_newest.AddDays(-27), s_newest);
        }
    }

    [Fact]
    public async Task RunAsync_AfterThreeWeeksWithoutRuns_FillsEveryDaySinceTheLastRun()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);
        await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        time.Advance(TimeSpan.FromDays(21));
        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded);
        Assert.Equal(63, result.Fetched);
        foreach (var key in new[] { "octo-web", "octo-data", "enterprise:octo-ent" })
        {
            AssertNoGaps(Days(port, key), s_newest.AddDays(-27), s_newest.AddDays(21));
        }
    }

    [Fact]
    public async Task RunAsync_GitHubHadNoDataForSomeDays_NotesThemAndFillsThemOnceThereIsData()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var outage = Enumerable.Range(3, 5).Select(i => s_newest.AddDays(-i)).ToList();
        github.AddNoDataDays(outage);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);

        var first = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(first.Succeeded);
        Assert.Equal(69, first.Fetched);
        Assert.Contains(first.Notes!, n => n.Contains("organization 'octo-web': GitHub has no report for 2026-11-16..2026-11-20 (5 day(s))", StringComparison.Ordinal));
        Assert.Contains(first.Notes!, n => n.Contains("enterprise 'octo-ent': GitHub has no report for 2026-11-16..2026-11-20", StringComparison.Ordinal));
        Assert.Contains(github.Requests, r => r.StatusCode == 204);
        Assert.Contains(github.Requests, r => r.StatusCode == 404 && r.PathAndQuery.StartsWith("/enterprises/", StringComparison.Ordinal));

        github.ClearNoDataDays();
        var second = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.Equal(15, second.Fetched);
        AssertNoGaps(Days(port, "octo-web"), s_newest.AddDays(-27), s_newest);
    }

    [Fact]
    public async Task RunAsync_LinkExpiredOnce_AsksForFreshLinksAndWritesTheDay()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        github.InjectFault("/orgs/octo-web/copilot/metrics/reports/organization-1-day?day=2026-11-23", SimulatedFault.ExpiredLinks());
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Settings("1"));

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, string.Join("; ", result.Failures.Select(f => f.Message)));
        Assert.True(port.Contains(Blueprint, "octo-web@2026-11-23"));
        Assert.Equal(2, github.Requests.Count(r => r.PathAndQuery.EndsWith("organization-1-day?day=2026-11-23", StringComparison.Ordinal) && r.PathAndQuery.StartsWith("/orgs/octo-web/", StringComparison.Ordinal)));
        Assert.Contains(github.DownloadRequests, r => r.StatusCode == 403);
    }

    [Fact]
    public async Task RunAsync_LinksExpireAgainAfterRefresh_FailsThatDayWithAClearMessageAndWritesTheOthers()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        github.InjectFault("/orgs/octo-web/copilot/metrics/reports/organization-1-day?day=2026-11-22", SimulatedFault.ExpiredLinks(), times: 2);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Settings("3"));

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        var failure = Assert.Single(result.Failures);
        Assert.Equal("octo-web@2026-11-22", failure.Identifier);
        Assert.Contains("organization-1-day report of organization 'octo-web' for 2026-11-22", failure.Message, StringComparison.Ordinal);
        Assert.Contains("refused the link as expired (403)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("also with fresh links", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", failure.Message, StringComparison.Ordinal);
        Assert.Null(result.Error);
        Assert.Equal(8, result.Fetched);
        Assert.False(port.Contains(Blueprint, "octo-web@2026-11-22"));

        var rerun = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);
        Assert.Equal(1, rerun.Fetched);
        Assert.True(port.Contains(Blueprint, "octo-web@2026-11-22"));
    }

    [Fact]
    public async Task RunAsync_DownloadCutOffMidFile_StartsTheDayOverAndWritesItOnce()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        github.InjectDownloadFault("/copilot-reports/enterprises/octo-ent/enterprise-1-day/2026-11-23/", SimulatedFault.TruncatedBody());
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Settings("1"));

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, string.Join("; ", result.Failures.Select(f => f.Message)));
        Assert.Equal(SimulatedUsage.DayTotals(github.Population, null, s_newest).DailyActiveUsers, (long)port.Entity(Blueprint, "enterprise:octo-ent@2026-11-23").Properties["daily_active_users"]!);
        Assert.Equal(2, github.Requests.Count(r => r.PathAndQuery.StartsWith("/enterprises/octo-ent/copilot/metrics/reports/enterprise-1-day", StringComparison.Ordinal)));
        Assert.Equal(0, github.PendingFaults);
    }

    [Fact]
    public async Task RunAsync_DownloadHostKeepsFailing_StopsTheScopeAfterThreeDaysAndGoesOn()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        github.InjectDownloadFault("/copilot-reports/orgs/octo-web/", SimulatedFault.ServerError(503), times: 1000);
        var port = new FakePort();

        // Retry delays run on the real clock (10 ms); the simulated GitHub keeps its fixed day.
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, sink: port, settings: Settings("10"));

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.Equal(3, result.Failures.Count);
        Assert.All(result.Failures, f => Assert.Contains("answered 503", f.Message, StringComparison.Ordinal));
        Assert.Contains(result.Notes!, n => n.Contains("organization 'octo-web': stopped after 3 failed day(s) in a row; 2026-11-17..2026-11-23 left for the next run", StringComparison.Ordinal));
        Assert.Equal(20, result.Fetched);
        Assert.Empty(Days(port, "octo-web"));
    }

    [Fact]
    public async Task RunAsync_TokenRejected_FailsEveryScopeWithOneMessage()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, "ghp_wrong", timeProvider: time, sink: port);

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.NotNull(result.Error);
        Assert.Contains("GITHUB_TOKEN", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, result.Failures.Count);
        Assert.Single(github.Requests);
        Assert.Empty(github.DownloadRequests);
    }

    [Fact]
    public async Task RunAsync_PermissionDeniedOnOneOrg_NamesTheMetricsRoleAndWritesTheOthers()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        github.InjectFault("/orgs/octo-data/copilot/metrics/", SimulatedFault.PermissionDenied(), times: 10);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Settings("2"));

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        var failure = Assert.Single(result.Failures);
        Assert.Equal("octo-data", failure.Identifier);
        Assert.Contains("(403", failure.Message, StringComparison.Ordinal);
        Assert.Contains("View organization Copilot metrics", failure.Message, StringComparison.Ordinal);
        Assert.Equal(4, result.Fetched);
    }

    [Fact]
    public async Task RunAsync_ShortlyAfterOrganizationReportsStarted_AsksForNoDayBeforeTheFirstReportDay()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 20, 8, 0, 0, TimeSpan.Zero));
        await using var github = await StartAsync(time);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded);
        Assert.Equal(new DateOnly(2025, 12, 12), Days(port, "octo-web")[0]);
        Assert.Equal(7, Days(port, "octo-web").Count);
        Assert.Equal(28, Days(port, "enterprise:octo-ent").Count);
        Assert.DoesNotContain(github.Requests, r => r.PathAndQuery.Contains("organization-1-day?day=2025-12-11", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Settings(string lookback) => new() { [GitHubSettingNames.UsageLookbackDays] = lookback };

    private static Task<SimulatedGitHub> StartAsync(TimeProvider time, int seats = 120) =>
        SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = seats, TimeProvider = time, UsersPerReportFile = 40 }, Token);

    private static List<DateOnly> Days(FakePort port, string scopeKey) =>
        [.. port.Entities(Blueprint)
            .Select(e => e.Identifier)
            .Where(i => i.StartsWith(scopeKey + "@", StringComparison.Ordinal))
            .Select(i => DateOnly.Parse(i[(scopeKey.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .Order()];

    private static void AssertNoGaps(List<DateOnly> days, DateOnly first, DateOnly last)
    {
        var expected = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToList();
        Assert.Equal(expected, days);
    }
}

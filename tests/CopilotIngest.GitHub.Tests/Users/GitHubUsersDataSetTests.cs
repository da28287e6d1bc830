using CopilotIngest.Core.Ingestion;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Users;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Users;

/// <summary><c>github_users</c>: the users-28-day report (split into files) joined with the seats, reconciled by scope.</summary>
public sealed class GitHubUsersDataSetTests
{
    private const string Blueprint = UserRollupMapper.Blueprint;
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly s_newest = new(2026, 11, 23);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_Enabled_WritesEverySeatedUserOfEveryScopeWithTheirWindowSummary()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Enabled());

        var result = await provider.DataSet<GitHubUsersDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error ?? string.Join("; ", result.Failures.Select(f => f.Message)));
        var population = github.Population;
        var web = population.Organizations[0];
        Assert.Equal(web.SeatedUsers.Count, port.Entities(Blueprint).Count(e => e.Identifier.EndsWith("@octo-web", StringComparison.Ordinal)));
        Assert.Equal(population.Users.Count, port.Entities(Blueprint).Count(e => e.Identifier.EndsWith("@enterprise:octo-ent", StringComparison.Ordinal)));
        Assert.True(github.DownloadRequests.Count(r => r.Path.Contains("/users-28-day/", StringComparison.Ordinal) && r.Path.StartsWith("/copilot-reports/orgs/octo-web/", StringComparison.Ordinal)) > 1, "the users report should be split into several files");
        Assert.All(github.DownloadRequests, r => Assert.False(r.HadAuthorization));

        var window = Enumerable.Range(0, 28).Select(i => s_newest.AddDays(-i)).ToList();
        foreach (var user in web.SeatedUsers.Select(i => population.Users[i]).Take(40))
        {
            var days = window.Select(d => SimulatedUsage.UserDay(population, user, d)).Where(d => d is not null).Select(d => d!).ToList();
            var p = port.Entity(Blueprint, $"{user.Login.ToLowerInvariant()}@octo-web").Properties;
            Assert.Equal(user.Login, (string?)p["login"]);
            Assert.Equal(days.Count, (int)p["active_days"]!);
            Assert.Equal(days.Sum(d => d.CodeGenerations), (long)p["code_generation_activity_count"]!);
            Assert.Equal(days.Sum(d => d.LocAdded), (long)p["loc_added_sum"]!);
            Assert.Equal(days.Count(d => d.UsedChat), (int)p["chat_days"]!);
            Assert.Equal(days.Count > 0 ? days.Max(d => d.Day).ToString("yyyy-MM-dd'T00:00:00Z'", System.Globalization.CultureInfo.InvariantCulture) : null, (string?)p["last_active_day"]);
            Assert.True((bool)p["seat_assigned"]!);
            Assert.Equal(user.LastActivityAt(s_now)?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), (string?)p["seat_last_activity_at"]);
            Assert.Equal(user.Id, (long)p["user_id"]!);
            Assert.Equal(("2026-10-27T00:00:00Z", "2026-11-23T00:00:00Z"), ((string?)p["window_start"], (string?)p["window_end"]));
        }

        var blueprint = BlueprintFile.Load(Blueprint);
        blueprint.AssertWellFormed(Blueprint);
        Assert.All(port.Entities(Blueprint), blueprint.AssertAccepts);
    }

    [Fact]
    public async Task RunAsync_UserNoLongerSeatedNorActive_IsDeleted()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Enabled());
        await provider.DataSet<GitHubUsersDataSet>().RunAsync(Token);
        port.Seed(Blueprint, "gone-user@octo-web", "gone-user@enterprise:octo-ent", "someone@other-org");

        var result = await provider.DataSet<GitHubUsersDataSet>().RunAsync(Token);

        Assert.Equal(2, result.Deleted);
        Assert.False(port.Contains(Blueprint, "gone-user@octo-web"));
        Assert.False(port.Contains(Blueprint, "gone-user@enterprise:octo-ent"));
        Assert.True(port.Contains(Blueprint, "someone@other-org"));
    }

    [Fact]
    public async Task RunAsync_TooManyMissing_DeletesNothingAndSaysHowToProceed()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        port.Seed(Blueprint, [.. Enumerable.Range(0, 60).Select(i => $"ghost-{i}@octo-web")]);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Enabled());

        var result = await provider.DataSet<GitHubUsersDataSet>().RunAsync(Token);

        Assert.Equal(0, result.Deleted);
        Assert.True(port.Contains(Blueprint, "ghost-0@octo-web"));
        Assert.Contains(result.Notes!, n => n.Contains("not deleting 60 of", StringComparison.Ordinal) && n.Contains("GITHUB_DELETE_THRESHOLD=0.2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ScopeFailed_IsNotReconciled()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Enabled());
        await provider.DataSet<GitHubUsersDataSet>().RunAsync(Token);
        github.InjectFault("/orgs/octo-web/copilot/", SimulatedFault.PermissionDenied(), times: 20);
        port.Seed(Blueprint, "gone-user@octo-web", "gone-user@octo-data");

        var result = await provider.DataSet<GitHubUsersDataSet>().RunAsync(Token);

        Assert.Equal("octo-web", Assert.Single(result.Failures).Identifier);
        Assert.True(port.Contains(Blueprint, "gone-user@octo-web"));
        Assert.False(port.Contains(Blueprint, "gone-user@octo-data"));
        Assert.Equal(1, result.Deleted);
    }

    [Fact]
    public async Task RunAsync_Users28DayReportAnswers204_NoDataYetNoteNotAFailureAndNothingDeleted()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        github.InjectFault("/orgs/octo-web/copilot/metrics/reports/users-28-day/latest", SimulatedFault.Status(204, string.Empty), times: 5);
        var port = new FakePort();
        port.Seed(Blueprint, "kept-user@octo-web");
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Enabled());

        var result = await provider.DataSet<GitHubUsersDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error ?? string.Join("; ", result.Failures.Select(f => f.Message)));
        Assert.Contains(result.Notes ?? [], n => n.Contains("octo-web", StringComparison.Ordinal) && n.Contains("no data yet", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Notes ?? [], n => n.Contains("GITHUB_API_URL", StringComparison.Ordinal));
        Assert.True(port.Contains(Blueprint, "kept-user@octo-web"));
        Assert.Contains(port.Entities(Blueprint), e => e.Identifier.EndsWith("@octo-data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddGitHubCopilot_OptInSettings_RegisterTheirDataSets()
    {
        await using var github = await StartAsync(new FakeTimeProvider(s_now));
        using var all = GitHubTestHost.Create(github.BaseAddress, github.Token, settings: new Dictionary<string, string?>
        {
            [GitHubSettingNames.UserMetrics] = "true",
            [GitHubSettingNames.TeamMetrics] = "true",
            [GitHubSettingNames.SeatDetails] = "true",
        });

        Assert.Equal(["github_seats", "github_usage", "github_users", "github_teams", "github_seat_details"], all.GetServices<IDataSet>().Select(d => d.Name));
    }

    private static Dictionary<string, string?> Enabled() => new() { [GitHubSettingNames.UserMetrics] = "true" };

    private static Task<SimulatedGitHub> StartAsync(TimeProvider time) =>
        SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 150, TimeProvider = time, UsersPerReportFile = 300 }, Token);
}

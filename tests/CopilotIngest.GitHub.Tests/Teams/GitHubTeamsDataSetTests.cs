using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports.Records;
using CopilotIngest.GitHub.Teams;
using CopilotIngest.GitHub.Tests.Usage;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Teams;

/// <summary><c>github_teams</c>: user-teams-1-day joined with users-1-day the way GitHub's docs describe.</summary>
public sealed class GitHubTeamsDataSetTests
{
    private const string Blueprint = TeamUsageMapper.Blueprint;
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly s_newest = new(2026, 11, 23);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Join_OfficialMembershipExample_CountsMultiTeamUsersInEachTeam()
    {
        var join = new TeamDayJoin(new DateOnly(2026, 5, 7));
        foreach (var row in await ReportFixtures.RecordsAsync("github/organization-user-teams-1-day.example.ndjson", GitHubJsonContext.Default.UserTeamMembership))
        {
            join.AddMembership(row);
        }

        UserDayUsage[] users =
        [
            new() { UserId = 1001, UserLogin = "alice", Day = new DateOnly(2026, 5, 7), CodeGenerationActivityCount = 3, UsedChat = true },
            new() { UserId = 1002, UserLogin = "bob", Day = new DateOnly(2026, 5, 7), CodeGenerationActivityCount = 4 },
            new() { UserId = 1003, UserLogin = "carol", Day = new DateOnly(2026, 5, 7), CodeGenerationActivityCount = 5 },
            new() { UserId = 1002, UserLogin = "bob", Day = new DateOnly(2026, 5, 7), CodeGenerationActivityCount = 4 },
            new() { UserId = 1001, UserLogin = "alice", Day = new DateOnly(2026, 5, 6), CodeGenerationActivityCount = 100 },
        ];
        for (var attempt = 0; attempt < 2; attempt++)
        {
            join.StartUsage();
            foreach (var user in users)
            {
                join.AddUsage(user);
            }
        }

        var frontend = join.Teams.Single(t => t.Slug == "frontend");
        var backend = join.Teams.Single(t => t.Slug == "backend");
        Assert.Equal((42L, 2, 2, 7L, 1), (frontend.TeamId!.Value, frontend.Members, frontend.ActiveUsers, frontend.CodeGenerations, frontend.ChatUsers));
        Assert.Equal((43L, 1, 1, 3L), (backend.TeamId!.Value, backend.Members, backend.ActiveUsers, backend.CodeGenerations));
        Assert.Equal((1, 1), (join.UsersWithoutTeam, join.Skipped / 2));
    }

    [Fact]
    public async Task RunAsync_Enabled_WritesOneEntityPerTeamPerDayMatchingThePopulation()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 200, TimeProvider = time, UsersPerReportFile = 25 }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Settings("3"));

        var result = await provider.DataSet<GitHubTeamsDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error ?? string.Join("; ", result.Failures.Select(f => f.Message)));
        var population = github.Population;
        var web = population.Organizations[0];
        var members = web.SeatedUsers.Select(i => population.Users[i])
            .Select(u => (User: u, Team: u.Memberships.First(m => m.OrganizationIndex == web.Index).TeamIndex))
            .Where(x => x.Team is not null)
            .GroupBy(x => web.Teams[x.Team!.Value].Slug)
            .Where(g => g.Count() >= 5)
            .ToList();
        Assert.NotEmpty(members);
        foreach (var team in members)
        {
            var entity = port.Entity(Blueprint, $"octo-web@{team.Key}@2026-11-23");
            var active = team.Select(x => SimulatedUsage.UserDay(population, x.User, s_newest)).Where(d => d is not null).ToList();
            Assert.Equal(team.Count(), (int)entity.Properties["members"]!);
            Assert.Equal(active.Count, (int)entity.Properties["active_users"]!);
            Assert.Equal(active.Sum(d => d!.CodeGenerations), (long)entity.Properties["code_generation_activity_count"]!);
            Assert.Equal(active.Count(d => d!.UsedAgent), (int)entity.Properties["agent_users"]!);
            Assert.Equal($"octo-web team {team.Key} Copilot usage 2026-11-23", entity.Title);
        }

        Assert.Equal(3 * members.Count, port.Entities(Blueprint).Count(e => e.Identifier.StartsWith("octo-web@", StringComparison.Ordinal)));
        // In the enterprise the team id is part of the identifier: slugs of different organizations can repeat.
        var champions = population.EnterpriseTeam;
        Assert.Contains(port.Entities(Blueprint), e => e.Identifier == $"enterprise:octo-ent@{champions.Slug}-{champions.Id}@2026-11-23");
        var webTeamsInEnterprise = port.Entities(Blueprint)
            .Where(e => e.Identifier.StartsWith("enterprise:octo-ent@", StringComparison.Ordinal) && e.Identifier.EndsWith("@2026-11-23", StringComparison.Ordinal))
            .Select(e => e.Identifier)
            .ToList();
        Assert.Equal(webTeamsInEnterprise.Count, webTeamsInEnterprise.Distinct(StringComparer.Ordinal).Count());
        var blueprint = BlueprintFile.Load(Blueprint);
        blueprint.AssertWellFormed(Blueprint);
        Assert.All(port.Entities(Blueprint), blueprint.AssertAccepts);
        Assert.All(github.DownloadRequests, r => Assert.False(r.HadAuthorization));

        var rerun = await provider.DataSet<GitHubTeamsDataSet>().RunAsync(Token);
        Assert.Equal(0, rerun.Fetched);
    }

    [Fact]
    public async Task RunAsync_DayWithoutData_IsNotedAndFilledLater()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 120, TimeProvider = time }, Token);
        github.AddNoDataDays([s_newest]);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Settings("2"));

        var first = await provider.DataSet<GitHubTeamsDataSet>().RunAsync(Token);

        Assert.True(first.Succeeded);
        Assert.Contains(first.Notes!, n => n.Contains("organization 'octo-web': GitHub has no team or user report for 2026-11-23", StringComparison.Ordinal));
        Assert.DoesNotContain(port.Entities(Blueprint), e => e.Identifier.EndsWith("@2026-11-23", StringComparison.Ordinal));

        github.ClearNoDataDays();
        var second = await provider.DataSet<GitHubTeamsDataSet>().RunAsync(Token);

        Assert.True(second.Fetched > 0);
        Assert.Contains(port.Entities(Blueprint), e => e.Identifier.EndsWith("@2026-11-23", StringComparison.Ordinal));
    }

    [Fact]
    public void DayOf_ReadsOnlyThisScopesTeamIdentifiers()
    {
        var scope = CopilotIngest.GitHub.Client.SeatScope.Organization("acme");

        Assert.Equal(new DateOnly(2026, 5, 7), TeamUsageMapper.DayOf(scope, "acme@frontend@2026-05-07"));
        Assert.Null(TeamUsageMapper.DayOf(scope, "acme@2026-05-07"));
        Assert.Null(TeamUsageMapper.DayOf(scope, "acme-2@frontend@2026-05-07"));
        Assert.Equal("acme@frontend@2026-05-07", TeamUsageMapper.Identifier(scope, "frontend", new DateOnly(2026, 5, 7)));
    }

    private static Dictionary<string, string?> Settings(string lookback) => new()
    {
        [GitHubSettingNames.TeamMetrics] = "true",
        [GitHubSettingNames.UsageLookbackDays] = lookback,
    };
}

using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Teams;
using CopilotIngest.GitHub.Tests.Fakes;
using CopilotIngest.GitHub.Usage;
using CopilotIngest.GitHub.Users;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Usage;

/// <summary>
/// The 2026 report fields end to end over real HTTP: the simulated GitHub sends them on most days, leaves them out or
/// sends null on others; a scripted report with a malformed field still lands its day with a warning.
/// </summary>
public sealed class NewFieldsDataSetTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly s_newest = new(2026, 11, 23);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UsageRunAsync_SimulatedDays_CarryTheFieldsOnDaysThatHaveThemAndNothingOnDaysWithout()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 150, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: new Dictionary<string, string?> { [GitHubSettingNames.UsageLookbackDays] = "28" });

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        Assert.DoesNotContain(result.Notes ?? [], n => n.Contains("unexpected shape", StringComparison.Ordinal));
        var organization = github.Population.Organizations[0];
        var seen = new HashSet<SimulatedFieldPresence>();
        for (var day = s_newest.AddDays(-27); day <= s_newest; day = day.AddDays(1))
        {
            var expected = SimulatedUsage.DayTotals(github.Population, organization, day);
            var p = port.Entity(UsageEntityMapper.Blueprint, $"octo-web@{day:yyyy-MM-dd}").Properties;
            seen.Add(expected.NewFields);
            if (expected.NewFields != SimulatedFieldPresence.Present)
            {
                Assert.False(p.ContainsKey("third_party_agents"), $"{day}");
                Assert.False(p.ContainsKey("distinct_skill_use_count"), $"{day}");
                Assert.False(p.ContainsKey("copilot_app_session_count"), $"{day}");
                continue;
            }

            Assert.Equal(expected.Agents.Count, p["third_party_agents"]!.AsObject().Count);
            foreach (var (id, agent) in expected.Agents)
            {
                Assert.Equal(agent.Interactions, (long)p["third_party_agents"]![id]!["interactions"]!);
                Assert.Equal(agent.Sessions, (long)p["third_party_agents"]![id]!["sessions"]!);
            }

            Assert.Equal(expected.Cli["skill"].Count, (long)p["distinct_skill_use_count"]!);
            Assert.Equal(expected.Cli["mcp"].Sum(i => i.Value), p["cli_mcp_interactions"]!.AsObject().Sum(i => (long)i.Value!));
            Assert.Equal(expected.CopilotApp.Sessions, (long)p["copilot_app_session_count"]!);
            Assert.Equal(expected.UsersByPhase.Values.Sum(), p["users_by_ai_adoption_phase"]!.AsObject().Sum(i => (long)i.Value!));
            Assert.Equal(expected.Totals.Interactions, (long)p["user_initiated_interaction_count"]!);
        }

        Assert.Equal(3, seen.Count);
        var blueprint = BlueprintFile.Load(UsageEntityMapper.Blueprint);
        Assert.All(port.Entities(UsageEntityMapper.Blueprint), blueprint.AssertAccepts);
    }

    [Fact]
    public async Task TeamsRunAsync_SimulatedDay_CountsCloudAgentUsersAndSumsAgentInteractions()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 200, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: new Dictionary<string, string?>
        {
            [GitHubSettingNames.TeamMetrics] = "true",
            [GitHubSettingNames.UsageLookbackDays] = "7",
        });

        var result = await provider.DataSet<GitHubTeamsDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        var population = github.Population;
        var web = population.Organizations[0];
        var teams = web.SeatedUsers.Select(i => population.Users[i])
            .Select(u => (User: u, Team: u.Memberships.First(m => m.OrganizationIndex == web.Index).TeamIndex))
            .Where(x => x.Team is not null)
            .GroupBy(x => web.Teams[x.Team!.Value].Slug)
            .Where(g => g.Count() >= 5)
            .ToList();
        Assert.NotEmpty(teams);
        var checkedCloud = 0;
        for (var day = s_newest.AddDays(-6); day <= s_newest; day = day.AddDays(1))
        {
            var presence = SimulatedNewFields.Presence(population.Seed, day);
            foreach (var team in teams)
            {
                var p = port.Entity(TeamUsageMapper.Blueprint, $"octo-web@{team.Key}@{day:yyyy-MM-dd}").Properties;
                var active = team.Select(x => SimulatedUsage.UserDay(population, x.User, day)).OfType<SimulatedUserDay>().ToList();
                Assert.Equal(active.Count(d => d.UsedCloudAgent), (int)p["cloud_agent_users"]!);
                checkedCloud += active.Count(d => d.UsedCloudAgent);
                if (presence != SimulatedFieldPresence.Present || active.Count == 0)
                {
                    // No member's row carried the field: no data, not "no activity".
                    Assert.False(p.ContainsKey("third_party_agent_interactions"));
                    continue;
                }

                var expected = active.SelectMany(d => SimulatedNewFields.For(population.Seed, d).Agents).GroupBy(a => a.Id).ToDictionary(g => g.Key, g => (long)g.Sum(a => a.Interactions));
                Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), p["third_party_agent_interactions"]!.AsObject().Select(e => KeyValuePair.Create(e.Key, (long)e.Value!)).OrderBy(e => e.Key, StringComparer.Ordinal));
            }
        }

        Assert.True(checkedCloud > 0);
        var blueprint = BlueprintFile.Load(TeamUsageMapper.Blueprint);
        Assert.All(port.Entities(TeamUsageMapper.Blueprint), blueprint.AssertAccepts);
    }

    [Fact]
    public async Task UsersRunAsync_Simulated_WritesTheNewestAdoptionPhaseAndAgentInteractions()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 120, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: new Dictionary<string, string?> { [GitHubSettingNames.UserMetrics] = "true" });

        var result = await provider.DataSet<GitHubUsersDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        var population = github.Population;
        var withPhase = 0;
        foreach (var user in population.Users)
        {
            var days = Enumerable.Range(0, 28).Select(i => s_newest.AddDays(-i))
                .Where(d => SimulatedNewFields.Presence(population.Seed, d) == SimulatedFieldPresence.Present)
                .Select(d => SimulatedUsage.UserDay(population, user, d)).OfType<SimulatedUserDay>().ToList();
            var p = port.Entity(UserRollupMapper.Blueprint, $"{user.Login.ToLowerInvariant()}@enterprise:octo-ent").Properties;
            if (days.Count == 0)
            {
                Assert.False(p.ContainsKey("ai_adoption_phase"));
                continue;
            }

            var extras = SimulatedNewFields.For(population.Seed, days[0]);
            Assert.Equal(SimulatedNewFields.PhaseNames[extras.PhaseNumber], (string?)p["ai_adoption_phase"]);
            Assert.Equal(extras.PhaseNumber, (long)p["ai_adoption_phase_number"]!);
            Assert.Equal(days.Sum(d => SimulatedNewFields.For(population.Seed, d).Agents.Sum(a => a.Interactions)), p["third_party_agent_interactions"]!.AsObject().Sum(a => (long)a.Value!));
            withPhase++;
        }

        Assert.True(withPhase > 0);
        var blueprint = BlueprintFile.Load(UserRollupMapper.Blueprint);
        Assert.All(port.Entities(UserRollupMapper.Blueprint), blueprint.AssertAccepts);
    }

    [Fact]
    public async Task UsageRunAsync_MalformedNewField_WarnsAndStillWritesTheDayWithItsOtherFields()
    {
        var time = new FakeTimeProvider(s_now);
        const string Line = """{"day":"2026-11-23","daily_active_users":7,"totals_by_3rd_party_agent":{"agent_id":"1001"},"distinct_mcp_use_count":"two","totals_by_skill":[{"skill":"other","interaction_count":4}]}""";
        await using var github = await ScriptedServer.StartAsync((context, _) => Answer(context, Line));
        var port = new FakePort();
        var logs = new ListLoggerProvider();
        using var provider = GitHubTestHost.Create(github.BaseAddress, "ghp_ScriptedToken0123456789", timeProvider: time, sink: port, logs: logs, settings: new Dictionary<string, string?>
        {
            [GitHubSettingNames.Organizations] = "acme",
            [GitHubSettingNames.Enterprise] = string.Empty,
            [GitHubSettingNames.UsageLookbackDays] = "1",
        });

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Failures);
        Assert.Equal(1, result.Upserted);
        var p = port.Entity(UsageEntityMapper.Blueprint, "acme@2026-11-23").Properties;
        Assert.Equal(7, (long)p["daily_active_users"]!);
        Assert.Equal("""{"other":4}""", p["cli_skill_interactions"]!.ToJsonString());
        Assert.False(p.ContainsKey("third_party_agents"));
        Assert.False(p.ContainsKey("distinct_mcp_use_count"));
        Assert.Contains(result.Notes ?? [], n => n.Contains("organization 'acme' usage: totals_by_3rd_party_agent had an unexpected shape 1 time(s) (expected an array of objects", StringComparison.Ordinal));
        Assert.Contains(result.Notes ?? [], n => n.Contains("distinct_mcp_use_count had an unexpected shape", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.StartsWith("Warning", StringComparison.Ordinal) && m.Contains("totals_by_3rd_party_agent had an unexpected shape", StringComparison.Ordinal));
    }

    /// <summary>A GitHub API and download host in one: the 28-day answer names the newest day, the 1-day answer links the file.</summary>
    private static async Task Answer(HttpContext context, string line)
    {
        var path = context.Request.Path.Value!;
        var self = $"{context.Request.Scheme}://{context.Request.Host}";
        string body;
        if (path.EndsWith("/organization-28-day/latest", StringComparison.Ordinal))
        {
            body = """{"download_links":[],"report_start_day":"2026-10-27","report_end_day":"2026-11-23"}""";
        }
        else if (path.EndsWith("/organization-1-day", StringComparison.Ordinal))
        {
            body = $$"""{"download_links":["{{self}}/files/1.ndjson?sig=S"],"report_day":"2026-11-23"}""";
        }
        else if (path.StartsWith("/files/", StringComparison.Ordinal))
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync(line + "\n", context.RequestAborted);
            return;
        }
        else
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}

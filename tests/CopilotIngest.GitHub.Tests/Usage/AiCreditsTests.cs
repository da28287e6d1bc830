using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Reports.Records;
using CopilotIngest.GitHub.Teams;
using CopilotIngest.GitHub.Usage;
using CopilotIngest.GitHub.Users;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Usage;

/// <summary><c>ai_credits_used</c> of the user reports, rolled up per scope and day, per team and day, and per user: absent stays empty.</summary>
public sealed class AiCreditsTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly s_day = new(2026, 11, 23);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static UserDayUsage Line(string login, decimal? credits, DateOnly? day = null) =>
        new() { UserLogin = login, UserId = login.GetHashCode(StringComparison.Ordinal), Day = day ?? s_day, AiCreditsUsed = credits };

    [Fact]
    public void AiCreditsSum_NoLineCarriesTheField_TotalStaysNull()
    {
        var sum = new AiCreditsSum(s_day);
        sum.Add(Line("a", null));
        sum.Add(Line("b", null));

        Assert.Null(sum.Total);
        Assert.Equal(0, sum.Users);
    }

    [Fact]
    public void AiCreditsSum_SomeLinesCarryIt_SumsThoseAndLeavesOtherDaysOut()
    {
        var sum = new AiCreditsSum(s_day);
        sum.Add(Line("a", 1.5m));
        sum.Add(Line("b", null));
        sum.Add(Line("c", 0m));
        sum.Add(Line("d", 7m, s_day.AddDays(-1)));

        Assert.Equal(1.5m, sum.Total);
        Assert.Equal(2, sum.Users);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(2.5, null, 2.5)]
    [InlineData(2.5, 0.25, 2.75)]
    [InlineData(0.0, null, 0.0)]
    public void TeamAndUserRollups_CreditsPresentOrAbsent_SumOrNull(double? first, double? second, double? expected)
    {
        var team = new TeamDayTotals(1, "platform");
        var user = new UserRollup("a");
        var lines = new[] { Line("a", (decimal?)first), Line("a", (decimal?)second, s_day.AddDays(-1)) };
        foreach (var line in lines)
        {
            team.Add(line);
            user.Add(line, line.Day!.Value);
        }

        Assert.Equal((decimal?)expected, team.AiCreditsUsed);
        Assert.Equal((decimal?)expected, user.AiCreditsUsed);
        Assert.Equal(expected is null, !TeamUsageMapper.Map(global::CopilotIngest.GitHub.Client.SeatScope.Organization("acme"), s_day, team).Properties.ContainsKey("ai_credits_used"));
    }

    [Fact]
    public async Task UsageDataSet_AiCreditsOn_EachDayCarriesTheSumOfItsUsersReport()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 120, TimeProvider = time, UsersPerReportFile = 40 }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: new Dictionary<string, string?>
        {
            [GitHubSettingNames.UsageLookbackDays] = "3",
            [GitHubSettingNames.AiCredits] = "true",
        });

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        foreach (var (key, organization) in new[] { ("octo-web", github.Population.Organizations[0]), ("enterprise:octo-ent", (SimulatedOrganization?)null) })
        {
            for (var day = s_day.AddDays(-2); day <= s_day; day = day.AddDays(1))
            {
                // A quarter credit per chat interaction, a whole one with the agent (the simulated tenant's definition).
                var users = SimulatedUsage.ScopeUsers(github.Population, organization).Select(u => SimulatedUsage.UserDay(github.Population, u, day)).OfType<SimulatedUserDay>().ToList();
                var expected = users.Sum(u => u.Interactions * (u.UsedAgent ? 1m : 0.25m));
                var properties = port.Entity(UsageEntityMapper.Blueprint, $"{key}@{day:yyyy-MM-dd}").Properties;
                Assert.Equal(expected, (decimal)properties["ai_credits_used"]!);
                Assert.Equal(users.Count, (int)properties["ai_credits_users"]!);
                Assert.True(expected > 0, $"{key} {day}: no credits in the simulation");
            }
        }
    }

    [Fact]
    public async Task UsageDataSet_AiCreditsOff_NoPropertyAndNoUsersReportRead()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 40, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: new Dictionary<string, string?> { [GitHubSettingNames.UsageLookbackDays] = "2" });

        await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.All(port.Entities(UsageEntityMapper.Blueprint), e => Assert.False(e.Properties.ContainsKey("ai_credits_used")));
        Assert.DoesNotContain(github.Requests, r => r.PathAndQuery.Contains("users-1-day", StringComparison.Ordinal));
    }
}

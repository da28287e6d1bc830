using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.SeatDetails;
using CopilotIngest.GitHub.Snapshots;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.SeatDetails;

/// <summary><c>github_seat_details</c>: one entity per seated user and scope with its reclaim status.</summary>
public sealed class GitHubSeatDetailsDataSetTests
{
    private const string Blueprint = SeatDetailsMapper.Blueprint;
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_Enabled_WritesEverySeatWithTheStatusTheSeatsCountsUse()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 300, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Enabled());

        var result = await provider.DataSet<GitHubSeatDetailsDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        var population = github.Population;
        Assert.Equal(population.Users.Count, port.Entities(Blueprint).Count(e => e.Identifier.EndsWith("@enterprise:octo-ent", StringComparison.Ordinal)));
        foreach (var user in population.Users)
        {
            var enterprise = port.Entity(Blueprint, $"{user.Login.ToLowerInvariant()}@enterprise:octo-ent").Properties;
            Assert.Equal(user.Login, (string?)enterprise["login"]);
            var seats = population.EnterpriseSeats().Where(s => s.User == user).ToList();
            var expected = seats.All(s => s.PendingCancellation) ? "pending_cancellation"
                : user.LastActivityAt(s_now) is not { } last ? "never_used"
                : last >= s_now.AddDays(-30) ? "active" : "inactive";
            Assert.Equal(expected, (string?)enterprise["status"]);
            Assert.Equal(seats.Count, (int)enterprise["seat_records"]!);
            Assert.Equal(seats.Where(s => s.Organization is not null).Select(s => s.Organization!.Login).Distinct().Order(StringComparer.OrdinalIgnoreCase), enterprise["organizations"]!.AsArray().Select(o => (string)o!));
        }

        Assert.Contains(port.Entities(Blueprint), e => (string?)e.Properties["status"] == "pending_cancellation");
        Assert.Contains(port.Entities(Blueprint), e => (string?)e.Properties["status"] == "never_used");
        Assert.Contains(port.Entities(Blueprint), e => (string?)e.Properties["status"] == "inactive");
        Assert.Contains(result.Notes!, n => n.StartsWith("organization 'octo-web': ", StringComparison.Ordinal) && n.Contains(" active, ", StringComparison.Ordinal));
        var blueprint = BlueprintFile.Load(Blueprint);
        blueprint.AssertWellFormed(Blueprint);
        Assert.All(port.Entities(Blueprint), blueprint.AssertAccepts);
    }

    [Fact]
    public async Task RunAsync_SeatRemoved_IsDeletedWithinTheThreshold()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 100, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Enabled());
        await provider.DataSet<GitHubSeatDetailsDataSet>().RunAsync(Token);
        port.Seed(Blueprint, "left-company@octo-data");

        var result = await provider.DataSet<GitHubSeatDetailsDataSet>().RunAsync(Token);

        Assert.Equal(1, result.Deleted);
        Assert.Equal([(Blueprint, "left-company@octo-data")], port.Deleted);
        Assert.Contains(result.Notes!, n => n.StartsWith("organization 'octo-data': deleted 1 of the ", StringComparison.Ordinal) && n.Contains("left-company@octo-data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RerunWithSeatInAnotherCase_ListsTheBlueprintOnceAndStillMigrates()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 100, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Enabled());
        await provider.DataSet<GitHubSeatDetailsDataSet>().RunAsync(Token);
        var current = port.Entities(Blueprint)[0].Identifier;
        var earlier = current.ToUpperInvariant();
        port.Seed(Blueprint, earlier);
        var listingsBefore = port.Listings(Blueprint);

        var result = await provider.DataSet<GitHubSeatDetailsDataSet>().RunAsync(Token);

        // One listing serves the comparison, the identifier migration and reconciliation alike.
        Assert.Equal(1, port.Listings(Blueprint) - listingsBefore);
        Assert.Equal([(Blueprint, earlier)], port.Deleted);
        Assert.True(port.Contains(Blueprint, current));
        Assert.Equal(1, result.Deleted);
    }

    [Fact]
    public async Task RunAsync_SinkFails_DeletesNothing()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 50, TimeProvider = time }, Token);
        var port = new FakePort();
        port.Seed(Blueprint, "left-company@octo-data");
        port.AfterUpsert = _ => throw new CopilotIngest.Core.Http.ApiException("Port", System.Net.HttpStatusCode.BadGateway, "Port is down");
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: Enabled());

        var result = await provider.DataSet<GitHubSeatDetailsDataSet>().RunAsync(Token);

        Assert.Contains("Port is down", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was deleted", result.Error, StringComparison.Ordinal);
        Assert.Empty(port.Deleted);
    }

    [Theory]
    [InlineData(29.9, "active")]
    [InlineData(30, "active")]
    [InlineData(30.1, "inactive")]
    public void Status_AtTheThreshold_CountsAsActive(double daysAgo, string expected)
    {
        var directory = new SeatDirectory();
        directory.Add(new CopilotIngest.GitHub.Client.SeatRecord("mona", 1, null, null, s_now.AddDays(-100), s_now.AddDays(-daysAgo), "vscode", null, null, "business"));

        Assert.Equal(expected, SeatStatus.Of(directory.Find("MONA")!, s_now, 30));
    }

    [Fact]
    public void Status_PendingOnOneOfTwoSeats_IsNotPendingCancellation()
    {
        var directory = new SeatDirectory();
        directory.Add(new CopilotIngest.GitHub.Client.SeatRecord("mona", 1, "a", "t1", null, null, null, null, new DateOnly(2026, 12, 1), "business"));
        var holder = directory.Find("mona")!;
        Assert.Equal("pending_cancellation", SeatStatus.Of(holder, s_now, 30));

        directory.Add(new CopilotIngest.GitHub.Client.SeatRecord("Mona", 1, "b", null, null, null, null, null, null, "enterprise"));

        Assert.Equal("never_used", SeatStatus.Of(holder, s_now, 30));
        Assert.Equal(("enterprise", 2), (holder.PlanType, holder.SeatRecords));
        Assert.Equal(["t1"], holder.AssigningTeams);
    }

    private static Dictionary<string, string?> Enabled() => new() { [GitHubSettingNames.SeatDetails] = "true" };
}

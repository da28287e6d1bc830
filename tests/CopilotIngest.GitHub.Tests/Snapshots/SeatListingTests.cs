using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.SeatDetails;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.GitHub.Snapshots;
using CopilotIngest.Testing;
using CopilotIngest.GitHub.Users;
using CopilotIngest.Simulation.GitHub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Snapshots;

/// <summary>One seat listing per scope and run, shared by <c>github_seats</c>, <c>github_users</c> and <c>github_seat_details</c>.</summary>
public sealed class SeatListingTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);
    private static readonly SeatScope s_scope = SeatScope.Organization("octo-web");
    private static readonly SeatPage[] s_pages = [new SeatPage(0, [])];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> AllSeatReaders() => new()
    {
        [GitHubSettingNames.SeatDetails] = "true",
        [GitHubSettingNames.UserMetrics] = "true",
    };

    private static int SeatPageRequests(SimulatedGitHub github) =>
        github.Requests.Count(r => r.PathAndQuery.Contains("/copilot/billing/seats", StringComparison.Ordinal));

    [Fact]
    public async Task RunAsync_SeatsUsersAndSeatDetailsInOneRun_ListEachScopesSeatsOnceAndAgainNextRun()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 450, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port, settings: AllSeatReaders());

        var seats = await provider.DataSet<GitHubSeatsDataSet>().RunAsync(Token);
        var oneListing = SeatPageRequests(github);
        var users = await provider.DataSet<GitHubUsersDataSet>().RunAsync(Token);
        var details = await provider.DataSet<GitHubSeatDetailsDataSet>().RunAsync(Token);

        Assert.True(seats.Succeeded && users.Succeeded && details.Succeeded, seats.Error ?? users.Error ?? details.Error);
        Assert.True(oneListing >= 3 * 2, $"{oneListing} seat pages for three scopes of 450 seats");
        Assert.Equal(oneListing, SeatPageRequests(github));
        Assert.Equal(github.Population.Users.Count, port.Entities(SeatDetailsMapper.Blueprint).Count(e => e.Identifier.EndsWith("@enterprise:octo-ent", StringComparison.Ordinal)));

        // The next run in the same process reads GitHub's seats afresh.
        Assert.True((await provider.DataSet<GitHubSeatsDataSet>().RunAsync(Token)).Succeeded);
        Assert.Equal(2 * oneListing, SeatPageRequests(github));
    }

    [Fact]
    public async Task RunAsync_FirstListingFailsHalfWay_NextDataSetReadsTheScopeFromGitHub()
    {
        // The real clock: the retries of the failing page wait on it.
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 450 }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, sink: port, settings: new Dictionary<string, string?> { [GitHubSettingNames.SeatDetails] = "true" });
        var organization = github.Population.Organizations.Single(o => o.Login == "octo-web");
        var secondPage = $"/organizations/{organization.Id}/copilot/billing/seats?per_page=100&page=2";
        github.InjectFault(secondPage, SimulatedFault.ServerError(), times: 4);

        var seats = await provider.DataSet<GitHubSeatsDataSet>().RunAsync(Token);
        var details = await provider.DataSet<GitHubSeatDetailsDataSet>().RunAsync(Token);

        Assert.Contains(seats.Failures, f => f.Identifier.Contains("octo-web", StringComparison.Ordinal));
        Assert.True(details.Succeeded, details.Error);
        Assert.Equal(1, github.Requests.Count(r => r.PathAndQuery == secondPage && r.StatusCode == 200));
        Assert.Equal(organization.SeatedUsers.Count, port.Entities(SeatDetailsMapper.Blueprint).Count(e => e.Identifier.EndsWith("@octo-web", StringComparison.Ordinal)));
    }

    [Fact]
    public void TryTake_ThreeReaders_KeptForTheOtherTwoThenDropped()
    {
        var cache = new SeatListingCache(readers: 3);
        cache.Keep(s_scope, "github_seats", s_pages);

        Assert.Same(s_pages, cache.TryTake(s_scope, "github_users"));
        Assert.Same(s_pages, cache.TryTake(s_scope, "github_seat_details"));
        Assert.Null(cache.TryTake(s_scope, "github_seat_details"));
        Assert.Null(cache.TryTake(SeatScope.Enterprise("octo-ent"), "github_users"));
    }

    [Fact]
    public void TryTake_ReaderThatHadTheListingAsksAgain_ReadsAfreshAndTheOldListingIsDropped()
    {
        var cache = new SeatListingCache(readers: 3);
        cache.Keep(s_scope, "github_seats", s_pages);

        Assert.Null(cache.TryTake(s_scope, "github_seats"));
        Assert.Null(cache.TryTake(s_scope, "github_users"));
    }

    [Fact]
    public void Keep_OneReader_KeepsNothing()
    {
        var cache = new SeatListingCache(readers: 1);
        cache.Keep(s_scope, "github_seats", s_pages);

        Assert.False(cache.Keeps);
        Assert.Null(cache.TryTake(s_scope, "github_users"));
    }

    [Fact]
    public void Keep_BeyondTheSeatsKeptAtOnce_NotKeptUntilAnotherListingIsDropped()
    {
        var cache = new SeatListingCache(readers: 2, maxSeats: 250);
        var enterprise = SeatScope.Enterprise("octo-ent");
        cache.Keep(s_scope, "github_seats", Pages(200));
        cache.Keep(enterprise, "github_seats", Pages(100));

        Assert.Null(cache.TryTake(enterprise, "github_seat_details"));
        Assert.NotNull(cache.TryTake(s_scope, "github_seat_details"));

        cache.Keep(enterprise, "github_seats", Pages(100));
        Assert.NotNull(cache.TryTake(enterprise, "github_seat_details"));
    }

    private static SeatPage[] Pages(int seats) =>
        [new SeatPage(seats, [.. Enumerable.Range(0, seats).Select(i => new SeatRecord($"user-{i}", i, null, null, null, null, null, null, null, null))])];

    [Fact]
    public async Task SeatListingCache_ShardedRun_KeepsNothing()
    {
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 50 }, Token);
        var settings = AllSeatReaders();
        settings[CopilotIngest.Core.Sharding.ShardOptions.ShardSetting] = "0/2";
        using var sharded = GitHubTestHost.Create(github.BaseAddress, github.Token, settings: settings);
        using var single = GitHubTestHost.Create(github.BaseAddress, github.Token, settings: AllSeatReaders());

        Assert.False(sharded.GetRequiredService<SeatListingCache>().Keeps);
        Assert.True(single.GetRequiredService<SeatListingCache>().Keeps);
    }
}

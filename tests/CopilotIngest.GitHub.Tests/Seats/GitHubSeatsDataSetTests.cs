using System.Net;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Seats;

/// <summary>The <c>github_seats</c> data set end to end: simulated GitHub → client → tally → mapper → in-memory Port.</summary>
public sealed class GitHubSeatsDataSetTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_TwoOrgsAndEnterprise_UpsertsOneEntityPerScopeForToday()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, seats: 420);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);

        var result = await DataSet(provider).RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(("github_seats", 3, 3, 0), (result.Name, result.Fetched, result.Upserted, result.Unchanged));
        Assert.Equal(
            ["enterprise:octo-ent@2026-11-25", "octo-data@2026-11-25", "octo-web@2026-11-25"],
            port.Entities(SeatsEntityMapper.Blueprint).Select(e => e.Identifier).Order(StringComparer.Ordinal));
        foreach (var organization in github.Population.Organizations)
        {
            AssertCounts(port.Entity("github_copilot_seats", $"{organization.Login}@2026-11-25"), github.Population.OrganizationSeats(organization).ToList());
        }

        AssertCounts(port.Entity("github_copilot_seats", "enterprise:octo-ent@2026-11-25"), github.Population.EnterpriseSeats().ToList());
    }

    [Fact]
    public async Task RunAsync_EnterpriseWithDuplicateSeats_CountsEachUserOnce()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, seats: 420);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);

        await DataSet(provider).RunAsync(Token);

        var enterprise = port.Entity("github_copilot_seats", "enterprise:octo-ent@2026-11-25").Properties;
        var listed = (int)enterprise["seat_assignments"]!;
        Assert.Equal(github.Population.EnterpriseSeatCount, listed);
        Assert.True(listed > 420, $"expected duplicate seat records, got {listed}");
        Assert.Equal(420, (int)enterprise["assigned_seats"]!);
        Assert.Equal(420, (int)enterprise["total_seats"]!);
        Assert.Equal(420, (int)enterprise["active_seats"]! + (int)enterprise["inactive_seats"]! + (int)enterprise["never_used_seats"]!);
        var webPlusData = github.Population.Organizations.Sum(o => o.SeatedUsers.Count);
        Assert.True(webPlusData > 420, "the organizations' own counts add up to more than the enterprise's distinct users");
    }

    [Fact]
    public async Task RunAsync_PermissionDeniedOnOneOrg_StopsThatScopeAndWritesTheOthers()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, seats: 120);
        github.InjectFault("/orgs/octo-web/", SimulatedFault.PermissionDenied(), times: 20);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);

        var result = await DataSet(provider).RunAsync(Token);

        Assert.False(result.Succeeded);
        Assert.Null(result.Error);
        Assert.Equal((2, 2), (result.Fetched, result.Upserted));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("octo-web@2026-11-25", failure.Identifier);
        Assert.Contains("organization 'octo-web'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("manage_billing:copilot or read:org, owned by an organization owner", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["enterprise:octo-ent@2026-11-25", "octo-data@2026-11-25"], port.Entities(SeatsEntityMapper.Blueprint).Select(e => e.Identifier).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RejectedToken_StopsEveryScopeAfterTheFirstRequest()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, seats: 50);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, "ghp_revoked", timeProvider: time, sink: port);

        var result = await DataSet(provider).RunAsync(Token);

        Assert.Equal(3, result.Failures.Count);
        Assert.All(result.Failures, f => Assert.Contains("GitHub rejected GITHUB_TOKEN", f.Message, StringComparison.Ordinal));
        Assert.StartsWith("All 3 GitHub scopes failed", result.Error, StringComparison.Ordinal);
        Assert.Single(github.Requests);
        Assert.Empty(port.Entities(SeatsEntityMapper.Blueprint));
    }

    [Fact]
    public async Task RunAsync_SecondRunSameDay_ReportsUnchanged()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, seats: 60);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);

        await DataSet(provider).RunAsync(Token);
        var second = await DataSet(provider).RunAsync(Token);

        Assert.Equal((0, 3), (second.Upserted, second.Unchanged));
    }

    [Fact]
    public async Task RunAsync_OnlyEnterpriseConfigured_WritesOnlyTheEnterprise()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, seats: 60);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, new Dictionary<string, string?> { ["GITHUB_ORGS"] = null }, time, sink: port);

        var result = await DataSet(provider).RunAsync(Token);

        Assert.True(result.Succeeded);
        Assert.Equal("enterprise:octo-ent@2026-11-25", Assert.Single(port.Entities(SeatsEntityMapper.Blueprint)).Identifier);
        Assert.All(github.Requests, r => Assert.StartsWith("/enterprises/octo-ent/", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SinkFails_ReportsTheErrorInsteadOfThrowing()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, seats: 20);
        var port = new FakePort { FailWith = new ApiException("Port", HttpStatusCode.Unauthorized, "Port rejected PORT_CLIENT_ID/PORT_CLIENT_SECRET.") };
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);

        var result = await DataSet(provider).RunAsync(Token);

        Assert.False(result.Succeeded);
        Assert.Contains("Port rejected PORT_CLIENT_ID/PORT_CLIENT_SECRET.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_Throws()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, seats: 20);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DataSet(provider).RunAsync(cancelled.Token));
    }

    [Fact]
    public void AddGitHubCopilot_Default_RegistersTheSeatsAndUsageDataSets()
    {
        using var provider = GitHubTestHost.Create(new Uri("http://127.0.0.1:1/"), "ghp_x");

        Assert.Equal(["github_seats", "github_usage"], provider.GetServices<IDataSet>().Select(d => d.Name));
    }

    [Fact]
    public async Task RunAsync_ListPrices_SpendIsEachSeatedUserAtTheirPlansPrice()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, seats: 420);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, timeProvider: time, sink: port);

        await DataSet(provider).RunAsync(Token);

        // octo-web is on Copilot Business (19 a seat), octo-data on Copilot Enterprise (39); in the enterprise a user
        // seated by both pays the higher plan, and a seat without plan_type falls back to GITHUB_COPILOT_PLAN (business).
        foreach (var organization in github.Population.Organizations)
        {
            AssertCost(port.Entity("github_copilot_seats", $"{organization.Login}@2026-11-25"), github.Population.OrganizationSeats(organization).ToList(), organization.PlanType);
        }

        AssertCost(port.Entity("github_copilot_seats", "enterprise:octo-ent@2026-11-25"), github.Population.EnterpriseSeats().ToList(), "business");
    }

    [Fact]
    public async Task RunAsync_PricesAndCurrencySet_SpendUsesThem()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, seats: 80);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, new Dictionary<string, string?>
        {
            ["GITHUB_COPILOT_BUSINESS_PRICE"] = "10",
            ["GITHUB_COPILOT_ENTERPRISE_PRICE"] = "0.5",
            ["LICENCE_CURRENCY"] = "EUR",
        }, time, sink: port);

        await DataSet(provider).RunAsync(Token);

        var web = port.Entity("github_copilot_seats", "octo-web@2026-11-25").Properties;
        var data = port.Entity("github_copilot_seats", "octo-data@2026-11-25").Properties;
        Assert.Equal(10m * (int)web["assigned_seats"]!, (decimal)web["monthly_spend"]!);
        Assert.Equal(0.5m * (int)data["assigned_seats"]!, (decimal)data["monthly_spend"]!);
        Assert.Equal("EUR", (string)web["currency"]!);
    }

    /// <summary>Recomputes the spend from the simulated population at the documented list prices, independently of the tally and <see cref="SeatCost"/>.</summary>
    private static void AssertCost(PortEntity entity, List<SimulatedSeat> seats, string fallbackPlan)
    {
        decimal spend = 0, inactive = 0, neverUsed = 0;
        var active = 0;
        foreach (var user in seats.GroupBy(s => s.User.Login, StringComparer.OrdinalIgnoreCase))
        {
            var enterprise = user.Any(s => (s.PlanType ?? fallbackPlan) == "enterprise");
            var price = enterprise ? 39m : 19m;
            spend += price;
            var last = user.First().User.LastActivityAt(s_now);
            if (last is null)
            {
                neverUsed += price;
            }
            else if (last < s_now.AddDays(-30))
            {
                inactive += price;
            }
            else
            {
                active++;
            }
        }

        var properties = entity.Properties;
        Assert.Equal(spend, (decimal)properties["monthly_spend"]!);
        Assert.Equal(inactive, (decimal)properties["inactive_spend"]!);
        Assert.Equal(neverUsed, (decimal)properties["never_used_spend"]!);
        Assert.Equal(inactive + neverUsed, (decimal)properties["wasted_spend"]!);
        Assert.Equal(Math.Round(spend / active, 2, MidpointRounding.AwayFromZero), (decimal)properties["cost_per_active_user"]!);
        Assert.Equal("USD", (string)properties["currency"]!);
        Assert.True(inactive > 0 && neverUsed > 0, "the population has inactive and never-used seats");
    }

    private static IDataSet DataSet(ServiceProvider provider) => provider.GetServices<IDataSet>().Single(d => d.Name == "github_seats");

    /// <summary>Recomputes the expected counts from the simulated population, independently of the client and the tally.</summary>
    private static void AssertCounts(PortEntity entity, List<SimulatedSeat> seats)
    {
        var users = seats.GroupBy(s => s.User.Login, StringComparer.OrdinalIgnoreCase).ToList();
        var lastActivity = users.Select(u => u.First().User.LastActivityAt(s_now)).ToList();
        var active = lastActivity.Count(a => a >= s_now.AddDays(-30));
        var never = lastActivity.Count(a => a is null);
        var pending = users.Count(u => u.All(s => s.PendingCancellation));
        var properties = entity.Properties;
        Assert.Equal(seats.Count, (int)properties["seat_assignments"]!);
        Assert.Equal(users.Count, (int)properties["assigned_seats"]!);
        Assert.Equal(active, (int)properties["active_seats"]!);
        Assert.Equal(never, (int)properties["never_used_seats"]!);
        Assert.Equal(users.Count - active - never, (int)properties["inactive_seats"]!);
        Assert.Equal(pending, (int)properties["pending_cancellation_seats"]!);
        Assert.Equal(Math.Round(active * 100.0 / users.Count, 1), (double)properties["utilisation_pct"]!);
        Assert.Equal("2026-11-25T00:00:00Z", (string)properties["snapshot_date"]!);
        Assert.True(active > 0 && never > 0 && pending > 0 && users.Count - active - never > 0, "the population mixes active, inactive, never used and pending seats");
    }

    private static Task<SimulatedGitHub> StartAsync(TimeProvider time, int seats) =>
        SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = seats, TimeProvider = time }, Token);
}

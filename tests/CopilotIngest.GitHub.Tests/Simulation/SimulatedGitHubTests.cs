using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CopilotIngest.Simulation.GitHub;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Simulation;

/// <summary>The simulated GitHub speaks GitHub's wire format: paging, tokens, rate limits, 404s; seeded and sized.</summary>
public sealed class SimulatedGitHubTests
{
    private static readonly DateOnly s_today = new(2026, 11, 25);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Generate_SameSeed_SamePopulation_OtherSeed_Differs()
    {
        var a = SimulatedGitHubPopulation.Generate("ent", ["x", "y"], 300, 7, s_today);
        var b = SimulatedGitHubPopulation.Generate("ent", ["x", "y"], 300, 7, s_today);
        var c = SimulatedGitHubPopulation.Generate("ent", ["x", "y"], 300, 8, s_today);
        var now = new DateTimeOffset(s_today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

        Assert.Equal(a.Users.Select(u => (u.Login, u.LastActivityAt(now))), b.Users.Select(u => (u.Login, u.LastActivityAt(now))));
        Assert.Equal(a.EnterpriseSeatCount, b.EnterpriseSeatCount);
        Assert.NotEqual(a.Users.Select(u => u.Login), c.Users.Select(u => u.Login));
    }

    [Fact]
    public void Generate_Population_MixesEveryKindOfSeat()
    {
        var population = SimulatedGitHubPopulation.Generate("ent", ["x", "y"], 1000, 42, s_today);
        var now = new DateTimeOffset(s_today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var last = population.Users.Select(u => u.LastActivityAt(now)).ToList();

        Assert.InRange(last.Count(a => a >= now.AddDays(-30)), 500, 800);
        Assert.InRange(last.Count(a => a < now.AddDays(-30)), 100, 400);
        Assert.InRange(last.Count(a => a is null), 50, 200);
        Assert.InRange(population.Users.Count(u => u.Memberships.Count == 2), 100, 200);
        Assert.InRange(population.EnterpriseTeamUsers.Count, 30, 100);
        Assert.Contains(population.Users, u => u.Memberships.Any(m => m.PendingCancellation));
        Assert.Contains(population.Users, u => u.Memberships.Any(m => m.OmitsPlanType));
        Assert.Contains(population.Users, u => char.IsUpper(u.Login[0]));
        Assert.Equal(1000, population.Users.Select(u => u.Login).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void User_ActivityOnAndLastActivity_Agree()
    {
        var population = SimulatedGitHubPopulation.Generate("ent", ["x"], 200, 3, s_today);
        var now = new DateTimeOffset(s_today.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero);

        foreach (var user in population.Users)
        {
            var last = user.LastActivityAt(now);
            if (last is null)
            {
                Assert.All(Enumerable.Range(0, 60), d => Assert.Null(user.ActivityOn(s_today.AddDays(-d))));
                continue;
            }

            var day = DateOnly.FromDateTime(last.Value.UtcDateTime);
            Assert.Equal(last, user.ActivityOn(day)!.LastActivityAt);
            Assert.All(Enumerable.Range(1, s_today.DayNumber - day.DayNumber), d => Assert.Null(user.ActivityOn(day.AddDays(d))));
        }
    }

    [Theory]
    [InlineData("x")]
    [InlineData(null)]
    public void DayTotals_ActiveUserCounts_EqualCountingEveryUsersLast28Days(string? organizationLogin)
    {
        var population = SimulatedGitHubPopulation.Generate("ent", ["x", "y"], 400, 5, s_today);
        var organization = organizationLogin is null ? null : population.Organizations.Single(o => o.Login == organizationLogin);
        var users = SimulatedUsage.ScopeUsers(population, organization).ToList();

        foreach (var day in new[] { s_today, s_today.AddDays(-1), s_today.AddDays(-30) })
        {
            var totals = SimulatedUsage.DayTotals(population, organization, day);
            var month = users.Select(u => Enumerable.Range(0, 28).Select(back => SimulatedUsage.UserDay(population, u, day.AddDays(-back))).OfType<SimulatedUserDay>().ToList()).ToList();

            Assert.Equal(users.Count(u => SimulatedUsage.UserDay(population, u, day) is not null), totals.DailyActiveUsers);
            Assert.Equal(users.Count(u => Enumerable.Range(0, 7).Any(back => SimulatedUsage.UserDay(population, u, day.AddDays(-back)) is not null)), totals.WeeklyActiveUsers);
            Assert.Equal(month.Count(m => m.Count > 0), totals.MonthlyActiveUsers);
            Assert.Equal(month.Count(m => m.Any(d => d.UsedChat)), totals.MonthlyActiveChatUsers);
            Assert.Equal(month.Count(m => m.Any(d => d.UsedAgent)), totals.MonthlyActiveAgentUsers);
            Assert.Equal(month.Count(m => m.Any(d => d.UsedCodeReviewActive)), totals.MonthlyActiveCodeReviewUsers);
            Assert.Equal(month.Count(m => m.Any(d => d.UsedCodeReviewPassive)), totals.MonthlyPassiveCodeReviewUsers);
            Assert.Equal(month.Count(m => m.Any(d => d.UsedCloudAgent)), totals.MonthlyActiveCloudAgentUsers);
            Assert.True(totals.MonthlyActiveUsers > totals.WeeklyActiveUsers && totals.WeeklyActiveUsers > totals.DailyActiveUsers, "the population should give distinct daily, weekly and monthly figures");
        }
    }

    [Fact]
    public async Task StartAsync_5000Seats_ServesEveryEnterpriseSeat()
    {
        var watch = Stopwatch.StartNew();
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 5000 }, Token);
        using var http = Client(github);
        var logins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var records = 0;
        Uri? next = new(github.BaseAddress, "enterprises/octo-ent/copilot/billing/seats?per_page=100");
        while (next is not null)
        {
            using var response = await http.GetAsync(next, Token);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
            Assert.Equal(5000, document.RootElement.GetProperty("total_seats").GetInt32());
            foreach (var seat in document.RootElement.GetProperty("seats").EnumerateArray())
            {
                records++;
                logins.Add(seat.GetProperty("assignee").GetProperty("login").GetString()!);
            }

            next = NextLink(response);
        }

        Assert.Equal(5000, logins.Count);
        Assert.Equal(github.Population.EnterpriseSeatCount, records);
        Assert.True(records > 5000);
        TestContext.Current.SendDiagnosticMessage($"5,000 seats served in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData("", 50, true)]
    [InlineData("?per_page=100", 100, true)]
    [InlineData("?per_page=500", 100, true)]
    [InlineData("?per_page=abc", 50, true)]
    [InlineData("?per_page=100&page=3", 20, false)]
    [InlineData("?per_page=100&page=9", 0, false)]
    public async Task OrganizationSeats_PerPageAndPage_FollowGitHubsRules(string query, int expectedCount, bool expectNext)
    {
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 220, Organizations = ["solo"] }, Token);
        using var http = Client(github);

        using var response = await http.GetAsync(new Uri(github.BaseAddress, "orgs/solo/copilot/billing/seats" + query), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(220, document.RootElement.GetProperty("total_seats").GetInt32());
        Assert.Equal(expectedCount, document.RootElement.GetProperty("seats").GetArrayLength());
        Assert.Equal(expectNext, NextLink(response) is not null);
        Assert.Equal("5000", response.Headers.GetValues("x-ratelimit-limit").Single());
    }

    [Fact]
    public async Task Requests_WrongTokenUnknownOrgMissingUserAgent_AreRejectedLikeGitHub()
    {
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 10 }, Token);
        using var http = Client(github);
        using var noAgent = new HttpClient();
        noAgent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", github.Token);
        using var wrong = new HttpClient();
        wrong.DefaultRequestHeaders.UserAgent.ParseAdd("test/1.0");
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ghp_nope");

        using var unknown = await http.GetAsync(new Uri(github.BaseAddress, "orgs/unknown/copilot/billing/seats"), Token);
        using var unauthorized = await wrong.GetAsync(new Uri(github.BaseAddress, "orgs/octo-web/copilot/billing"), Token);
        using var forbidden = await noAgent.GetAsync(new Uri(github.BaseAddress, "orgs/octo-web/copilot/billing"), Token);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Contains("Bad credentials", await unauthorized.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task RateLimit_UsedUp_Answers403WithRemainingZeroUntilTheHourEnds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 10, RateLimitPerHour = 2, TimeProvider = time }, Token);
        using var http = Client(github);
        var uri = new Uri(github.BaseAddress, "orgs/octo-web/copilot/billing");

        using var first = await http.GetAsync(uri, Token);
        using var second = await http.GetAsync(uri, Token);
        using var limited = await http.GetAsync(uri, Token);
        time.Advance(TimeSpan.FromHours(1));
        using var afterReset = await http.GetAsync(uri, Token);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK], new[] { first.StatusCode, second.StatusCode, limited.StatusCode, afterReset.StatusCode });
        Assert.Equal("0", limited.Headers.GetValues("x-ratelimit-remaining").Single());
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), limited.Headers.GetValues("x-ratelimit-reset").Single());
        Assert.Contains("API rate limit exceeded", await limited.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InjectFault_TimesAndPrefix_AffectOnlyMatchingRequests()
    {
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 10 }, Token);
        github.InjectFault("/orgs/octo-data/", SimulatedFault.ServerError(503), times: 2);
        using var http = Client(github);

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "orgs/octo-web/copilot/billing", "orgs/octo-data/copilot/billing", "orgs/octo-data/copilot/billing", "orgs/octo-data/copilot/billing" })
        {
            using var response = await http.GetAsync(new Uri(github.BaseAddress, path), Token);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        Assert.Equal(0, github.PendingFaults);
    }

    [Fact]
    public async Task EnterpriseSeats_EnterpriseTeamSeat_HasEnterpriseTeamShapeAndNoOrganization()
    {
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 200 }, Token);
        using var http = Client(github);
        var last = (github.Population.EnterpriseSeatCount - 1) / 100 + 1;

        using var response = await http.GetAsync(new Uri(github.BaseAddress, $"enterprises/octo-ent/copilot/billing/seats?per_page=100&page={last}"), Token);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var seat = document.RootElement.GetProperty("seats").EnumerateArray().Last();

        Assert.Equal(JsonValueKind.Null, seat.GetProperty("organization").ValueKind);
        Assert.Equal("copilot-champions", seat.GetProperty("assigning_team").GetProperty("slug").GetString());
        Assert.True(seat.GetProperty("assigning_team").TryGetProperty("group_id", out _));
    }

    private static HttpClient Client(SimulatedGitHub github)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("test/1.0");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", github.Token);
        return http;
    }

    private static Uri? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var part in string.Join(",", values).Split(','))
        {
            if (part.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                return new Uri(part[(part.IndexOf('<', StringComparison.Ordinal) + 1)..part.IndexOf('>', StringComparison.Ordinal)]);
            }
        }

        return null;
    }
}

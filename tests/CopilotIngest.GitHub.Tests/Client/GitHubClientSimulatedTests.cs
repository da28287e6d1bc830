using System.Diagnostics;
using System.Net;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Client;
using CopilotIngest.Simulation.GitHub;

namespace CopilotIngest.GitHub.Tests.Client;

/// <summary>The real client, DI registration and resilience pipeline against the simulated GitHub over loopback.</summary>
public sealed class GitHubClientSimulatedTests
{
    private const string WebSeats = "/orgs/octo-web/copilot/billing/seats";
    private const string WebBilling = "/orgs/octo-web/copilot/billing";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetSeatPagesAsync_250Seats_FollowsLinkOverThreePages()
    {
        await using var github = await StartAsync(seats: 250, "octo-web");
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var pages = await provider.Client().GetSeatPagesAsync(SeatScope.Organization("octo-web"), Token).ToListAsync(Token);

        Assert.Equal([100, 100, 50], pages.Select(p => p.Seats.Count));
        Assert.All(pages, p => Assert.Equal(250, p.TotalSeats));
        Assert.Equal(250, pages.SelectMany(p => p.Seats).Select(s => s.AssigneeLogin).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var requests = github.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal($"{WebSeats}?per_page=100", requests[0].PathAndQuery);
        Assert.Equal("/organizations/9000000/copilot/billing/seats?per_page=100&page=2", requests[1].PathAndQuery);
        Assert.Equal("/organizations/9000000/copilot/billing/seats?per_page=100&page=3", requests[2].PathAndQuery);
        Assert.All(requests, r => Assert.Equal(("2026-03-10", "application/vnd.github+json", 200), (r.ApiVersion, r.Accept, r.StatusCode)));
    }

    [Fact]
    public async Task GetEnterpriseSeatsAsync_UsersSeatedThroughSeveralOrgs_ListsEverySeatRecord()
    {
        await using var github = await StartAsync(seats: 300);

        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);
        var seats = await provider.Client().GetEnterpriseSeatsAsync("octo-ent", Token).ToListAsync(Token);

        Assert.Equal(github.Population.EnterpriseSeatCount, seats.Count);
        Assert.True(seats.Count > 300, "the simulated enterprise seats some users more than once");
        Assert.Equal(300, seats.Select(s => s.AssigneeLogin).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(seats, s => s.OrganizationLogin is null && s.AssigningTeamSlug == "copilot-champions");
    }

    [Fact]
    public async Task GetOrganizationBillingAsync_Simulated_ReadsBreakdownAndSettings()
    {
        await using var github = await StartAsync(seats: 80, "octo-web");
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var billing = await provider.Client().GetOrganizationBillingAsync("octo-web", Token);

        Assert.Equal(80, billing.SeatBreakdown.Total);
        Assert.Equal(billing.SeatBreakdown.Total, billing.SeatBreakdown.ActiveThisCycle + billing.SeatBreakdown.InactiveThisCycle);
        Assert.Equal(("assign_selected", "business"), (billing.SeatManagementSetting, billing.PlanType));
    }

    [Fact]
    public async Task GetOrganizationBillingAsync_WrongToken_ThrowsUnauthorizedWithoutRetryOrToken()
    {
        await using var github = await StartAsync();
        using var provider = GitHubTestHost.Create(github.BaseAddress, "ghp_wrongtoken123");

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationBillingAsync("octo-web", Token));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("GitHub rejected GITHUB_TOKEN", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Bad credentials", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_wrongtoken123", ex.ToString(), StringComparison.Ordinal);
        Assert.Single(github.Requests);
    }

    [Fact]
    public async Task GetSeatPagesAsync_UnknownOrganization_Throws404NamingOrganizationAndSetting()
    {
        await using var github = await StartAsync();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("octo-missing", Token).ToListAsync(Token).AsTask());

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("organization 'octo-missing' does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GITHUB_ORGS", ex.Message, StringComparison.Ordinal);
        Assert.Single(github.Requests);
    }

    [Fact]
    public async Task GetEnterpriseSeatsAsync_UnknownEnterprise_Throws404NamingEnterpriseSetting()
    {
        await using var github = await StartAsync();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetEnterpriseSeatsAsync("other-ent", Token).ToListAsync(Token).AsTask());

        Assert.Contains("enterprise 'other-ent' does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GITHUB_ENTERPRISE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSeatPagesAsync_RateLimited403_WaitsForResetThenSucceeds()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.RateLimited(TimeSpan.FromMilliseconds(300)));
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);
        var watch = Stopwatch.StartNew();

        var seats = await provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token);

        Assert.Equal(30, seats.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(200), $"waited only {watch.Elapsed}");
        Assert.Equal([403, 200], github.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task GetSeatPagesAsync_SecondaryRateLimitWithoutHeaders_WaitsAndSucceeds()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.SecondaryRateLimit(), times: 2);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var seats = await provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token);

        Assert.Equal(30, seats.Count);
        Assert.Equal([403, 403, 200], github.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task GetSeatPagesAsync_SecondaryRateLimitNeverLifts_StopsWithRateLimitMessage()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.SecondaryRateLimit(), times: 10);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token).AsTask());

        Assert.Contains("kept rate-limiting", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("manage_billing", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, github.Requests.Count);
    }

    [Fact]
    public async Task GetSeatPagesAsync_RateLimitResetAnHourAway_StopsAtOnceWithResetTime()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.RateLimited(TimeSpan.FromHours(1)));
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token).AsTask());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Contains("rate limit for GITHUB_TOKEN is used up", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Run again after the reset", ex.Message, StringComparison.Ordinal);
        Assert.Single(github.Requests);
    }

    [Fact]
    public async Task GetSeatPagesAsync_PermissionDenied403_StopsAtOnceNamingScopeAndFix()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.PermissionDenied(), times: 10);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token).AsTask());

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Contains("organization 'octo-web'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("manage_billing:copilot or read:org, owned by an organization owner", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Resource not accessible by personal access token", ex.Message, StringComparison.Ordinal);
        Assert.Contains("has the scopes: read:user, repo", ex.Message, StringComparison.Ordinal);
        Assert.Single(github.Requests);
    }

    [Fact]
    public async Task GetEnterpriseSeatsAsync_PermissionDenied403_NamesEnterpriseScopesAndRoles()
    {
        await using var github = await StartAsync(seats: 30);
        github.InjectFault("/enterprises/octo-ent/", SimulatedFault.PermissionDenied());
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetEnterpriseSeatsAsync("octo-ent", Token).ToListAsync(Token).AsTask());

        Assert.Contains("enterprise 'octo-ent'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("manage_billing:copilot or read:enterprise, owned by an enterprise owner or billing manager", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSeatPagesAsync_429WithRetryAfter_WaitsThenSucceeds()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.TooManyRequests(TimeSpan.FromSeconds(1)));
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);
        var watch = Stopwatch.StartNew();

        var seats = await provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token);

        Assert.Equal(30, seats.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {watch.Elapsed}");
        Assert.Equal([429, 200], github.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task GetSeatPagesAsync_ServerErrorsThenSuccess_Retries()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.ServerError(502), times: 2);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var seats = await provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token);

        Assert.Equal(30, seats.Count);
        Assert.Equal([502, 502, 200], github.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task GetSeatPagesAsync_ServerErrorOnMiddlePage_RetriesThatPageAndCountsAll()
    {
        await using var github = await StartAsync(seats: 250, "octo-web");
        github.InjectFault("/organizations/9000000/copilot/billing/seats?per_page=100&page=2", SimulatedFault.ServerError(503));
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var seats = await provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token);

        Assert.Equal(250, seats.Count);
        Assert.Equal([200, 503, 200, 200], github.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task GetSeatPagesAsync_ServerErrorsPersist_FailsWithStatusAfterRetries()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.ServerError(500), times: 10);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token).AsTask());

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("GitHub answered 500", ex.Message, StringComparison.Ordinal);
        Assert.Contains("organization 'octo-web'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, github.Requests.Count);
    }

    [Fact]
    public async Task GetSeatPagesAsync_SlowAnswerOnce_TimesOutAndRetries()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.Latency(TimeSpan.FromSeconds(3)));
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, tune: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));

        var seats = await provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token);

        Assert.Equal(30, seats.Count);
    }

    [Fact]
    public async Task GetSeatPagesAsync_AlwaysTooSlow_FailsWithTimeoutMessage()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.Latency(TimeSpan.FromSeconds(3)), times: 10);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, tune: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetries = 2;
        });

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token).AsTask());

        Assert.Null(ex.StatusCode);
        Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSeatPagesAsync_DroppedConnectionOnce_Retries()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.DropConnection());
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var seats = await provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token);

        Assert.Equal(30, seats.Count);
        Assert.Equal(0, github.PendingFaults);
    }

    [Fact]
    public async Task GetSeatPagesAsync_BodyCutOffOnce_RetriesTheWholeResponse()
    {
        await using var github = await StartAsync(seats: 60, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.TruncatedBody());
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var seats = await provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token);

        Assert.Equal(60, seats.Count);
        Assert.Equal(2, github.Requests.Count);
    }

    [Fact]
    public async Task GetSeatPagesAsync_ConnectionAlwaysDropped_FailsNamingHostAndSetting()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebSeats, SimulatedFault.DropConnection(), times: 10);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationSeatsAsync("octo-web", Token).ToListAsync(Token).AsTask());

        Assert.Null(ex.StatusCode);
        Assert.Contains("Could not read /orgs/octo-web/copilot/billing/seats", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GITHUB_API_URL", ex.Message, StringComparison.Ordinal);

        // Four attempts (three retries); the socket handler may itself resend once on a pooled connection closed unanswered.
        Assert.InRange(github.Requests.Count, 4, 8);
    }

    [Fact]
    public async Task GetOrganizationBillingAsync_422PaymentProblem_ReportsGitHubsMessage()
    {
        await using var github = await StartAsync(seats: 30, "octo-web");
        github.InjectFault(WebBilling, SimulatedFault.PaymentMethodProblem());
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token);

        var ex = await Assert.ThrowsAsync<ApiException>(() => provider.Client().GetOrganizationBillingAsync("octo-web", Token));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Contains("There is a problem with your account's associated payment method.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("organization 'octo-web'", ex.Message, StringComparison.Ordinal);
        Assert.Single(github.Requests);
    }

    private static Task<SimulatedGitHub> StartAsync(int seats = 100, params string[] organizations) =>
        SimulatedGitHub.StartAsync(
            new SimulatedGitHubOptions { Seats = seats, Organizations = organizations.Length == 0 ? ["octo-web", "octo-data"] : organizations },
            Token);
}

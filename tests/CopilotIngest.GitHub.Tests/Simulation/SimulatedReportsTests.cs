using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CopilotIngest.Simulation.GitHub;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Simulation;

/// <summary>The simulated report endpoints and download host speak GitHub's shapes and enforce what the real host does.</summary>
public sealed class SimulatedReportsTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Links_PointToASeparateHost_WhichRefusesAnAuthorizationHeader()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        using var http = new HttpClient();

        var link = (await LinksAsync(github, http, "orgs/octo-web/copilot/metrics/reports/organization-1-day?day=2026-11-20"))[0];
        using var withToken = new HttpRequestMessage(HttpMethod.Get, link);
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", github.Token);
        using var refused = await http.SendAsync(withToken, Token);
        using var served = await http.GetAsync(link, Token);

        Assert.NotEqual(github.BaseAddress.Port, link.Port);
        Assert.Equal(github.DownloadAddress.Authority, link.Authority);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/x-ndjson", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal([true, false], github.DownloadRequests.Select(r => r.HadAuthorization));
        Assert.DoesNotContain(github.DownloadRequests, r => r.Path.Contains('?', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Links_ExpireAfterAnHourByTheSimulationsClock_AndCannotBeTamperedWith()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        using var http = new HttpClient();
        var link = (await LinksAsync(github, http, "enterprises/octo-ent/copilot/metrics/reports/enterprise-28-day/latest"))[0];

        time.Advance(TimeSpan.FromMinutes(59));
        using var fresh = await http.GetAsync(link, Token);
        var tampered = new Uri(link.ToString().Replace("latest", "2026-11-01", StringComparison.Ordinal));
        using var forged = await http.GetAsync(tampered, Token);
        time.Advance(TimeSpan.FromMinutes(2));
        using var expired = await http.GetAsync(link, Token);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LatestReport_CoversTheNewest28DaysEndingTwoDaysAgo()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        using var http = new HttpClient();

        var answer = await GetJsonAsync(github, http, "orgs/octo-data/copilot/metrics/reports/organization-28-day/latest");
        var file = await http.GetStringAsync(new Uri((string)answer["download_links"]![0]!), Token);
        var line = JsonNode.Parse(file.Split('\n')[0])!;

        Assert.Equal(("2026-10-27", "2026-11-23"), ((string?)answer["report_start_day"], (string?)answer["report_end_day"]));
        Assert.Equal(new DateOnly(2026, 11, 23), github.NewestReportDay);
        Assert.Equal(28, line["day_totals"]!.AsArray().Count);
        Assert.Equal(github.Population.Organizations[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)line["organization_id"]);
    }

    [Fact]
    public async Task UsersReport_IsSplitIntoFilesHoldingEveryActiveUserOnce()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, usersPerFile: 7);
        using var http = new HttpClient();

        var links = await LinksAsync(github, http, "enterprises/octo-ent/copilot/metrics/reports/users-1-day?day=2026-11-20");
        var logins = new List<string>();
        foreach (var link in links)
        {
            var text = await http.GetStringAsync(link, Token);
            logins.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["user_login"]!));
        }

        var expected = github.Population.Users.Where(u => u.IsActiveOn(new DateOnly(2026, 11, 20))).Select(u => u.Login).ToList();
        Assert.True(links.Count > 1);
        Assert.Equal((expected.Count + 6) / 7, links.Count);
        Assert.Equal(expected, logins);
    }

    [Theory]
    [InlineData("orgs/octo-web/copilot/metrics/reports/organization-1-day?day=2026-11-24", 204)]
    [InlineData("orgs/octo-web/copilot/metrics/reports/users-1-day?day=2025-12-11", 204)]
    [InlineData("enterprises/octo-ent/copilot/metrics/reports/enterprise-1-day?day=2026-11-24", 404)]
    [InlineData("orgs/octo-web/copilot/metrics/reports/organization-1-day", 422)]
    [InlineData("orgs/octo-web/copilot/metrics/reports/organization-1-day?day=yesterday", 422)]
    [InlineData("orgs/octo-web/copilot/metrics/reports/enterprise-1-day?day=2026-11-20", 404)]
    [InlineData("orgs/unknown/copilot/metrics/reports/organization-1-day?day=2026-11-20", 404)]
    [InlineData("orgs/octo-web/copilot/metrics/reports/organization-1-day?day=2026-11-23", 200)]
    public async Task ReportEndpoints_AnswerLikeGitHub(string path, int status)
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        using var http = new HttpClient();

        using var response = await SendAsync(github, http, path);

        Assert.Equal(status, (int)response.StatusCode);
    }

    [Fact]
    public async Task NoDataDays_AnswerNoContentUntilCleared()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        using var http = new HttpClient();
        github.AddNoDataDays([new DateOnly(2026, 11, 20)]);

        using var during = await SendAsync(github, http, "orgs/octo-web/copilot/metrics/reports/user-teams-1-day?day=2026-11-20");
        github.ClearNoDataDays();
        using var after = await SendAsync(github, http, "orgs/octo-web/copilot/metrics/reports/user-teams-1-day?day=2026-11-20");

        Assert.Equal(HttpStatusCode.NoContent, during.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static Task<SimulatedGitHub> StartAsync(TimeProvider time, int usersPerFile = 250) =>
        SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 60, TimeProvider = time, UsersPerReportFile = usersPerFile }, Token);

    private static async Task<HttpResponseMessage> SendAsync(SimulatedGitHub github, HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(github.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", github.Token);
        request.Headers.UserAgent.ParseAdd("tests");
        return await http.SendAsync(request, Token);
    }

    private static async Task<JsonNode> GetJsonAsync(SimulatedGitHub github, HttpClient http, string path)
    {
        using var response = await SendAsync(github, http, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
    }

    private static async Task<List<Uri>> LinksAsync(SimulatedGitHub github, HttpClient http, string path) =>
        [.. (await GetJsonAsync(github, http, path))["download_links"]!.AsArray().Select(l => new Uri((string)l!))];
}

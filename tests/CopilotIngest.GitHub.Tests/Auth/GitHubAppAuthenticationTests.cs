using System.Globalization;
using CopilotIngest.Core.Http;
using CopilotIngest.GitHub.Auth;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Seats;
using CopilotIngest.GitHub.Tests.Fakes;
using CopilotIngest.GitHub.Usage;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Auth;

/// <summary>GitHub App authentication end to end: the real clients against the simulated GitHub's App endpoints over loopback.</summary>
public sealed class GitHubAppAuthenticationTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_UsageWithApp_ReportsReadWithInstallationTokensAndDownloadsCarryNoCredential()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var port = new FakePort();
        var settings = TestGitHubApp.Settings();
        settings[GitHubSettingNames.UsageLookbackDays] = "3";
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, settings, time, sink: port);

        var result = await provider.DataSet<GitHubUsageDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error ?? string.Join("; ", result.Failures.Select(f => f.Message)));
        Assert.Equal(9, result.Upserted);
        var reportRequests = github.Requests.Where(r => r.PathAndQuery.Contains("/copilot/metrics/reports/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reportRequests);
        Assert.All(reportRequests, r => Assert.Equal(SimulatedCredential.InstallationToken, r.Credential));
        Assert.DoesNotContain(github.Requests, r => r.Credential == SimulatedCredential.PersonalToken);
        Assert.Equal(9, github.DownloadRequests.Count);
        Assert.All(github.DownloadRequests, r => Assert.False(r.HadAuthorization));
        Assert.Equal(github.AppInstallations.Select(i => i.Id).Order(), github.InstallationTokensMinted.Keys.Order());
        Assert.All(github.InstallationTokensMinted.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task RunAsync_SeatsOfTwoOrganizations_EachUsesItsOwnInstallationAndThePatOnlyListsEnterpriseSeats()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, TestGitHubApp.Settings(token: github.Token), time);

        var result = await provider.DataSet<GitHubSeatsDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error ?? string.Join("; ", result.Failures.Select(f => f.Message)));
        Assert.Equal(3, result.Upserted);
        foreach (var organization in github.Population.Organizations)
        {
            var installation = github.AppInstallations.Single(i => i.Organization == organization);
            Assert.Equal(1, github.InstallationTokensMinted[installation.Id]);
            Assert.Single(github.Requests, r => r.PathAndQuery == $"/orgs/{organization.Login}/installation" && r.Credential == SimulatedCredential.AppJwt);
        }

        // The simulated GitHub answers 403 to an organization's token used on another one, so success shows each used its own.
        Assert.All(
            github.Requests.Where(r => r.PathAndQuery.StartsWith("/orgs/", StringComparison.Ordinal) && !r.PathAndQuery.EndsWith("/installation", StringComparison.Ordinal)),
            r => Assert.Equal((SimulatedCredential.InstallationToken, 200), (r.Credential, r.StatusCode)));
        Assert.All(
            github.Requests.Where(r => r.Credential == SimulatedCredential.PersonalToken),
            r => Assert.StartsWith("/enterprises/octo-ent/copilot/billing/seats", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetOrganizationBilling_TokenNearExpiry_IsRefreshedBeforeGitHubExpiresIt()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, TestGitHubApp.Settings(), time);
        var client = provider.Client();
        var installation = github.AppInstallations.Single(i => i.Account == "octo-web").Id;

        await client.GetOrganizationBillingAsync("octo-web", Token);
        time.Advance(TimeSpan.FromMinutes(54));
        await client.GetOrganizationBillingAsync("octo-web", Token);
        var mintedWhileFresh = github.InstallationTokensMinted[installation];
        time.Advance(TimeSpan.FromMinutes(2));
        await client.GetOrganizationBillingAsync("octo-web", Token);
        time.Advance(TimeSpan.FromMinutes(10));
        await client.GetOrganizationBillingAsync("octo-web", Token);

        Assert.Equal(1, mintedWhileFresh);
        Assert.Equal(2, github.InstallationTokensMinted[installation]);
        Assert.DoesNotContain(github.Requests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task GetOrganizationBilling_TokenRevoked_MintsANewOneAndRetriesOnce()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var logs = new ListLoggerProvider();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, TestGitHubApp.Settings(), time, logs: logs);
        var client = provider.Client();
        await client.GetOrganizationBillingAsync("octo-web", Token);

        github.RevokeInstallationTokens();
        var billing = await client.GetOrganizationBillingAsync("octo-web", Token);

        Assert.NotNull(billing);
        Assert.Equal(
            [(SimulatedCredential.InstallationToken, 200), (SimulatedCredential.ExpiredInstallationToken, 401), (SimulatedCredential.InstallationToken, 200)],
            github.Requests.Where(r => r.PathAndQuery == "/orgs/octo-web/copilot/billing").Select(r => (r.Credential, r.StatusCode)));
        Assert.Equal(2, github.InstallationTokensMinted.Values.Single());
        AssertNoSecrets(logs.AllText());
    }

    [Fact]
    public async Task GetOrganizationBilling_ManyConcurrentRequests_MintsOneTokenPerInstallation()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, TestGitHubApp.Settings(), time);
        var client = provider.Client();

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => client.GetOrganizationBillingAsync(i % 2 == 0 ? "octo-web" : "octo-data", Token)));

        Assert.Equal(2, github.InstallationTokensMinted.Count);
        Assert.All(github.InstallationTokensMinted.Values, count => Assert.Equal(1, count));
        Assert.Equal(2, github.Requests.Count(r => r.PathAndQuery.EndsWith("/installation", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetInstallationPermissions_Organization_ReturnsTheGrantedPermissionsAndAnOpaqueLongToken()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, TestGitHubApp.Settings(), time);
        var tokens = provider.GetRequiredService<GitHubAppTokenProvider>();

        var installation = await tokens.GetInstallationPermissionsAsync(SeatScope.Organization("octo-data"), Token);
        var enterprise = await tokens.GetInstallationPermissionsAsync(SeatScope.Enterprise("octo-ent"), Token);
        var token = await tokens.GetTokenAsync(SeatScope.Organization("octo-data"), Token);

        Assert.Equal(github.AppInstallations.Single(i => i.Account == "octo-data").Id, installation.InstallationId);
        Assert.Equal("read", installation.Permissions["organization_copilot_seat_management"]);
        Assert.Equal(s_now.AddHours(1), installation.TokenExpiresAt);
        Assert.Equal(github.AppInstallations.Single(i => i.OnEnterprise).Id, enterprise.InstallationId);
        Assert.Equal("read", enterprise.Permissions["enterprise_copilot_metrics"]);
        Assert.True(token.Length > 500, $"GitHub's newer installation tokens are about 520 characters; got {token.Length}");
    }

    [Fact]
    public async Task RunAsync_EnterpriseSeatsWithAppOnly_FailsTheEnterpriseNamingTheTokenItNeeds()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, TestGitHubApp.Settings(), time);

        var result = await provider.DataSet<GitHubSeatsDataSet>().RunAsync(Token);

        var failure = Assert.Single(result.Failures);
        Assert.StartsWith("The enterprise seat listing (github_seats, github_seat_details, github_users) for enterprise octo-ent needs GITHUB_TOKEN (a classic PAT", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Upserted);
    }

    [Fact]
    public async Task RunAsync_AppAllowedToListEnterpriseSeats_NeedsNoPat()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time, o => o.AppCanListEnterpriseSeats = true);
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, TestGitHubApp.Settings(), time);

        var result = await provider.DataSet<GitHubSeatsDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, string.Join("; ", result.Failures.Select(f => f.Message)));
        Assert.Contains(github.Requests, r => r.PathAndQuery.StartsWith("/enterprises/octo-ent/copilot/billing/seats", StringComparison.Ordinal) && r.Credential == SimulatedCredential.InstallationToken);
    }

    [Fact]
    public async Task RunAsync_AppNotInstalledOnAnOrganization_FailsThatOrganizationNamingItAndReadsTheRest()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var settings = TestGitHubApp.Settings(token: github.Token);
        settings[GitHubSettingNames.Organizations] = "octo-web,octo-ops";
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, settings, time);

        var result = await provider.DataSet<GitHubSeatsDataSet>().RunAsync(Token);

        var failure = Assert.Single(result.Failures);
        Assert.Contains("is not installed on organization 'octo-ops'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("GITHUB_APP_INSTALLATION_ID", failure.Message, StringComparison.Ordinal);
        Assert.Contains("GITHUB_ORGS", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Upserted);
    }

    [Fact]
    public async Task RunAsync_KeyOfAnotherApp_FailsNamingAppIdAndKeyWithoutSecrets()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var logs = new ListLoggerProvider();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, TestGitHubApp.Settings(TestGitHubApp.OtherPrivateKeyPem, github.Token), time, logs: logs);

        var result = await provider.DataSet<GitHubSeatsDataSet>().RunAsync(Token);

        // After a 401 the data set stops asking: the rest of the scopes carry the same message.
        Assert.Equal(3, result.Failures.Count);
        Assert.All(result.Failures, f => Assert.Contains("GITHUB_APP_ID=731 and GITHUB_APP_PRIVATE_KEY do not belong to the same App", f.Message, StringComparison.Ordinal));
        AssertNoSecrets(string.Join('\n', result.Failures.Select(f => f.Message)) + result.Error + logs.AllText());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetOrganizationBilling_InstallationIdSetting_UsedWithoutLookupOrNamedWhenWrong(bool right)
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await StartAsync(time);
        var settings = TestGitHubApp.Settings();
        settings[GitHubSettingNames.Organizations] = "octo-web";
        settings[GitHubSettingNames.AppInstallationId] = right ? github.AppInstallations.Single(i => i.Account == "octo-web").Id.ToString(CultureInfo.InvariantCulture) : "99";
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, settings, time);

        var call = provider.Client().GetOrganizationBillingAsync("octo-web", Token);

        if (right)
        {
            Assert.NotNull(await call);
        }
        else
        {
            var error = await Assert.ThrowsAsync<ApiException>(() => call);
            Assert.Contains("GitHub has no installation 99", error.Message, StringComparison.Ordinal);
            Assert.Contains("Check GITHUB_APP_INSTALLATION_ID", error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(github.Requests, r => r.PathAndQuery.EndsWith("/installation", StringComparison.Ordinal));
    }

    private static void AssertNoSecrets(string text)
    {
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ghs_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestGitHubApp.OtherPrivateKeyPem.Split('\n')[1], text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestGitHubApp.PrivateKeyPem.Split('\n')[1], text, StringComparison.Ordinal);
    }

    private static Task<SimulatedGitHub> StartAsync(TimeProvider time, Action<SimulatedGitHubOptions>? configure = null)
    {
        var options = new SimulatedGitHubOptions { Seats = 120, TimeProvider = time, UsersPerReportFile = 40, App = TestGitHubApp.Registration };
        configure?.Invoke(options);
        return SimulatedGitHub.StartAsync(options, Token);
    }
}

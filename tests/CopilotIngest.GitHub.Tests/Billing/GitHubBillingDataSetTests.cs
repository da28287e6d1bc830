using System.Text;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.GitHub.Billing;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Options;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Billing;

/// <summary><c>github_billing</c>: GitHub's premium request usage per scope and day; a scope the token may not read is skipped, not failed.</summary>
public sealed class GitHubBillingDataSetTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> On => new() { [GitHubSettingNames.BillingUsage] = "true" };

    [Fact]
    public void Map_GitHubsDocumentedExample_SumsTheItem()
    {
        var items = GitHubPayload.ParsePremiumRequestUsage(Encoding.UTF8.GetBytes(ReferenceFiles.ReadText("github/premium-request-usage.example.json")), "/organizations/ORG/settings/billing/premium_request/usage");

        var entity = BillingEntityMapper.Map(SeatScope.Organization("GitHub"), new DateOnly(2025, 1, 15), items);

        Assert.Equal("github@2025-01-15", entity.Identifier);
        var p = entity.Properties;
        Assert.Equal(("org", "GitHub", "2025-01-15T00:00:00Z"), ((string)p["scope_type"]!, (string)p["scope"]!, (string)p["usage_date"]!));
        Assert.Equal((100m, 0m, 100m), ((decimal)p["gross_quantity"]!, (decimal)p["discount_quantity"]!, (decimal)p["net_quantity"]!));
        Assert.Equal((4m, 0m, 4m), ((decimal)p["gross_amount"]!, (decimal)p["discount_amount"]!, (decimal)p["net_amount"]!));
        Assert.Equal(100m, (decimal)p["requests_by_model"]!["GPT-5"]!);
        Assert.Equal(4m, (decimal)p["net_amount_by_model"]!["GPT-5"]!);
        Assert.Equal(["Copilot Premium Request"], p["skus"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("USD", (string)p["currency"]!);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"usageItems\":[]}")]
    [InlineData("{\"usageItems\":[null,{\"product\":\"Copilot\"}]}")]
    public void Map_NoOrEmptyItems_ZeroUsage(string body)
    {
        var items = GitHubPayload.ParsePremiumRequestUsage(Encoding.UTF8.GetBytes(body), "/x");

        var p = BillingEntityMapper.Map(SeatScope.Enterprise("acme"), new DateOnly(2026, 11, 1), items).Properties;

        Assert.Equal(0m, (decimal)p["gross_quantity"]!);
        Assert.Equal(0m, (decimal)p["net_amount"]!);
    }

    [Fact]
    public async Task RunAsync_Simulated_OneEntityPerScopeAndCompleteDayWithItsPremiumRequests()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 90, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, On, time, sink: port);

        var result = await provider.DataSet<GitHubBillingDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((21, 21), (result.Fetched, result.Upserted));
        foreach (var scope in new[] { "octo-web", "octo-data", "enterprise:octo-ent" })
        {
            Assert.Equal(
                Enumerable.Range(18, 7).Select(d => $"{scope}@2026-11-{d}"),
                port.Entities(BillingEntityMapper.Blueprint).Select(e => e.Identifier).Where(i => i.StartsWith(scope + "@", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }

        foreach (var (key, organization) in new[] { ("octo-web", github.Population.Organizations[0]), ("enterprise:octo-ent", (SimulatedOrganization?)null) })
        {
            var day = new DateOnly(2026, 11, 24);
            var requests = SimulatedUsage.ScopeUsers(github.Population, organization)
                .Select(u => SimulatedUsage.UserDay(github.Population, u, day))
                .OfType<SimulatedUserDay>()
                .Sum(u => u.Interactions * (u.UsedAgent ? 1m : 0.25m));
            var p = port.Entity(BillingEntityMapper.Blueprint, $"{key}@2026-11-24").Properties;
            Assert.Equal(requests, (decimal)p["gross_quantity"]!);
            Assert.Equal(Math.Round(requests * 0.04m, 2), (decimal)p["net_amount"]!);
            Assert.True(requests > 0);
        }

        Assert.DoesNotContain(port.Entities(BillingEntityMapper.Blueprint), e => e.Identifier.EndsWith("@2026-11-25", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TokenRefusedForOneOrganization_SkipsItWithANoteAndSucceeds()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 30, TimeProvider = time }, Token);
        github.InjectFault("/organizations/octo-web/settings/billing/", SimulatedFault.PermissionDenied(), times: 50);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, On, time, sink: port);

        var result = await provider.DataSet<GitHubBillingDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Failures);
        var note = Assert.Single(result.Notes!, n => n.StartsWith("organization 'octo-web': skipped", StringComparison.Ordinal));
        Assert.Contains("403", note, StringComparison.Ordinal);
        Assert.Contains("'Administration' (read)", note, StringComparison.Ordinal);
        Assert.Equal(1, github.Requests.Count(r => r.PathAndQuery.StartsWith("/organizations/octo-web/", StringComparison.Ordinal)));
        Assert.Equal(14, port.Entities(BillingEntityMapper.Blueprint).Count);
        Assert.DoesNotContain(port.Entities(BillingEntityMapper.Blueprint), e => e.Identifier.StartsWith("octo-web@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NotOnTheEnhancedBillingPlatform404_SkipsEveryScopeAndSucceeds()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 30, TimeProvider = time, BillingUsageAvailable = false }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, On, time, sink: port);

        var result = await provider.DataSet<GitHubBillingDataSet>().RunAsync(Token);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, result.Notes!.Count(n => n.Contains("skipped", StringComparison.Ordinal) && n.Contains("enhanced billing platform", StringComparison.Ordinal)));
        Assert.Empty(port.Entities(BillingEntityMapper.Blueprint));
    }

    [Fact]
    public async Task RunAsync_RejectedToken_FailsEveryScope()
    {
        var time = new FakeTimeProvider(s_now);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 10, TimeProvider = time }, Token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, "ghp_revoked", On, time, sink: port);

        var result = await provider.DataSet<GitHubBillingDataSet>().RunAsync(Token);

        Assert.False(result.Succeeded);
        Assert.Contains("GitHub rejected GITHUB_TOKEN", result.Error, StringComparison.Ordinal);
        Assert.Single(github.Requests);
    }

    [Fact]
    public void AddGitHubCopilot_BillingUsageOn_RegistersTheDataSet()
    {
        using var provider = GitHubTestHost.Create(new Uri("http://127.0.0.1:1/"), "ghp_x", On);

        Assert.Contains("github_billing", provider.GetServices<IDataSet>().Select(d => d.Name));
    }
}

using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Mapping;
using CopilotIngest.Simulation.Graph;

namespace CopilotIngest.M365.Tests.DataSets;

/// <summary>M365 identifiers come from the settings alone: a failing <c>/organization</c> changes titles at most, never identifiers.</summary>
public sealed class TenantKeyTests
{
    private static readonly string[] s_blueprints = [M365Blueprints.UsageSummary, M365Blueprints.UsageTrend, M365Blueprints.User];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(GraphFaultKind.Forbidden, 1)]
    [InlineData(GraphFaultKind.ServiceUnavailable, 20)]
    public async Task RunAll_OrganizationFailsOnce_SameIdentifiersAsTheRunBefore(GraphFaultKind kind, int count)
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 15 }, Ct);
        var settings = M365Harness.SettingsFor(graph);
        settings[M365Settings.TrendPeriod] = "D30";
        await using var first = M365Harness.Create(settings);
        await first.RunAllAsync(Ct);
        graph.AddFault(new GraphFault("/v1.0/organization", kind, count) { RetryAfter = TimeSpan.Zero });

        await using var second = M365Harness.Create(settings, port: first.Port);
        var results = await second.RunAllAsync(Ct);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        foreach (var blueprint in s_blueprints)
        {
            var identifiers = first.Port.Entities(blueprint).Select(e => e.Identifier).ToList();
            Assert.NotEmpty(identifiers);
            Assert.All(identifiers, id => Assert.Contains(graph.TenantId, id, StringComparison.Ordinal));
        }

        Assert.Equal(30, first.Port.Entities(M365Blueprints.UsageTrend).Count);
        Assert.Single(first.Port.Entities(M365Blueprints.UsageSummary));
        Assert.Equal(15, first.Port.Entities(M365Blueprints.User).Count);
        Assert.Empty(first.Port.Deleted);
    }

    [Theory]
    [InlineData(null, "contoso.onmicrosoft.com", "contoso.onmicrosoft.com")]
    [InlineData(null, "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")]
    [InlineData("Contoso EU", "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0", "contoso-eu")]
    [InlineData("ops@contoso", "contoso.onmicrosoft.com", "ops-contoso")]
    public void Key_FromTheSettingsOnly_LowerCaseWithoutAt(string? tenantName, string tenantId, string key)
    {
        var options = new M365Options { TenantId = tenantId, TenantName = tenantName };

        Assert.Equal(key, Tenant.TenantContextProvider.Key(options));
    }
}

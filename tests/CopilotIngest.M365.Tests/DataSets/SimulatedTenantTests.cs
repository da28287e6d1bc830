using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.DataSets;
using CopilotIngest.M365.Mapping;
using CopilotIngest.Simulation.Graph;

namespace CopilotIngest.M365.Tests.DataSets;

public sealed class SimulatedTenantTests
{
    [Theory]
    [InlineData("v1.0")]
    [InlineData("beta")]
    public async Task RunAll_TenantOf2000Users_WritesOneSummary2000UsersAndTheTrend(string apiVersion)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions(), ct);
        var settings = M365Harness.SettingsFor(graph);
        settings[M365Settings.ApiVersion] = apiVersion;
        await using var harness = M365Harness.Create(settings);

        var results = await harness.RunAllAsync(ct);

        Assert.All(results, r => Assert.True(r.Succeeded, $"{r.Name}: {r.Error} {string.Join("; ", r.Failures.Select(f => f.Message))}"));
        var summary = Assert.Single(harness.Port.Entities(M365Blueprints.UsageSummary));
        Assert.Equal($"contoso@{graph.ReportRefreshDate:yyyy-MM-dd}@D7", summary.Identifier);
        Assert.Equal(2000, harness.Port.Entities(M365Blueprints.User).Count);
        Assert.Equal(180, harness.Port.Entities(M365Blueprints.UsageTrend).Count);
        Assert.Equal(2000, results.Single(r => r.Name == DataSetNames.Users).Fetched);
    }
}

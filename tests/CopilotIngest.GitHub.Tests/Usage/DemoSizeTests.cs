using System.Diagnostics;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.GitHub.Options;
using CopilotIngest.GitHub.Repos;
using CopilotIngest.GitHub.Usage;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.GitHub.Tests.Usage;

/// <summary>
/// What the demo runs: the simulated GitHub with default options and every GitHub data set, on the real clock. How long
/// it takes is reported as a diagnostic, not asserted (timings are measured by the benchmarks, not by tests).
/// </summary>
public sealed class DemoSizeTests
{
    [Fact]
    public async Task DefaultSimulation_EveryDataSet_GivesAtLeast28DaysPerScope()
    {
        var token = TestContext.Current.CancellationToken;
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions(), token);
        var port = new FakePort();
        using var provider = GitHubTestHost.Create(github.BaseAddress, github.Token, sink: port, settings: new Dictionary<string, string?>
        {
            [GitHubSettingNames.UserMetrics] = "true",
            [GitHubSettingNames.TeamMetrics] = "true",
            [GitHubSettingNames.SeatDetails] = "true",
            [GitHubSettingNames.RepoMetrics] = "true",
        });
        var clock = Stopwatch.StartNew();

        foreach (var dataSet in provider.GetServices<IDataSet>())
        {
            var result = await dataSet.RunAsync(token);
            Assert.True(result.Succeeded, $"{result.Name}: {result.Error}");
            TestContext.Current.SendDiagnosticMessage($"{result.Name}: {result.Fetched} fetched after {clock.Elapsed.TotalSeconds:0.0} s");
        }

        Assert.Equal(500, github.Population.Users.Count);
        foreach (var scope in new[] { "octo-web@", "octo-data@", "enterprise:octo-ent@" })
        {
            Assert.True(port.Entities(UsageEntityMapper.Blueprint).Count(e => e.Identifier.StartsWith(scope, StringComparison.Ordinal)) >= 28, scope);
            Assert.True(port.Entities(RepoUsageMapper.Blueprint).Count(e => e.Identifier.StartsWith(scope, StringComparison.Ordinal)) >= 28, scope);
        }

    }
}

using System.Globalization;
using CopilotIngest.LocalPortHost;

namespace CopilotIngest.Cli.Tests;

/// <summary>The demo's spend, wasted spend and cost per active user against values computed by hand from the simulated seats.</summary>
public sealed class DemoCostTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("demo-cost-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Demo_SeatSnapshots_CarryTheHandComputedSpend()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var before = TimeProvider.System.GetUtcNow();
        var demo = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "demo", "--seats", "200", "--m365-users", "50");
        var after = TimeProvider.System.GetUtcNow();
        Assert.True(demo.ExitCode == 0, demo.Error + demo.Output);

        // The snapshot was taken between the two instants; a user whose activity crosses the 30-day line in between
        // would change the counts, so either instant's expectation is accepted.
        var expectations = new[] { DemoCost.PerOrganization(200, before), DemoCost.PerOrganization(200, after) };
        var today = DateOnly.FromDateTime(after.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var port = await LocalPortLauncher.StartAsync(Path.Combine(_directory, ".copilot-ingest"), 0, TimeProvider.System, cancellationToken);
        foreach (var organization in new[] { "octo-web", "octo-data" })
        {
            var entity = await port.GetEntityAsync("github_copilot_seats", $"{organization}@{today}", cancellationToken);
            Assert.NotNull(entity);
            var properties = entity["properties"]!;
            var actual = (
                properties["monthly_spend"]!.GetValue<decimal>(),
                properties["inactive_spend"]!.GetValue<decimal>(),
                properties["never_used_spend"]!.GetValue<decimal>(),
                properties["wasted_spend"]!.GetValue<decimal>(),
                properties["cost_per_active_user"]!.GetValue<decimal>(),
                properties["currency"]!.GetValue<string>());
            Assert.Contains(actual, expectations.Select(e => e[organization]).Select(e => (e.Spend, e.Inactive, e.NeverUsed, e.Wasted, e.PerActiveUser, "USD")));
        }

        var enterprise = (await port.GetEntityAsync("github_copilot_seats", $"enterprise:octo-ent@{today}", cancellationToken))!["properties"]!;
        Assert.Contains(
            (enterprise["monthly_spend"]!.GetValue<decimal>(), enterprise["wasted_spend"]!.GetValue<decimal>(), enterprise["cost_per_active_user"]!.GetValue<decimal>()),
            new[] { before, after }.Select(now => DemoCost.Enterprise(200, now)).Select(e => (e.Spend, e.Wasted, e.PerActiveUser)));

        // Spot check of the arithmetic itself: octo-data's seats are all Copilot Enterprise.
        var data = expectations[1]["octo-data"];
        Assert.Equal(0m, data.Spend % 39m);
        Assert.True(data.Inactive > 0 && data.NeverUsed > 0 && data.Active > 0);
    }
}

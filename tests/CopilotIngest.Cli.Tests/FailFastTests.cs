using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CopilotIngest.Simulation.GitHub;

namespace CopilotIngest.Cli.Tests;

/// <summary>A run against a Port that cannot be reached ends quickly, with one retry budget for the whole run.</summary>
public sealed class FailFastTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("copilot-ingest-failfast-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_PortUnreachable_EndsWithinTwoMinutesNamingTheSetting()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 300, Seed = 11 }, cancellationToken);
        var environment = new Dictionary<string, string?>
        {
            ["PORT_BASE_URL"] = ClosedPort(),
            ["PORT_CLIENT_ID"] = "client",
            ["PORT_CLIENT_SECRET"] = "secret-value-never-shown",
            ["INGEST_M365"] = "false",
            ["GITHUB_API_URL"] = github.BaseAddress.ToString(),
            ["GITHUB_TOKEN"] = github.Token,
            ["GITHUB_ORGS"] = string.Join(',', github.Population.Organizations.Take(2).Select(o => o.Login)),
            ["GITHUB_ENTERPRISE"] = github.Population.Enterprise,
            ["GITHUB_SEAT_DETAILS"] = "true",
            ["GITHUB_USER_METRICS"] = "true",
        };

        var clock = Stopwatch.StartNew();
        var run = await CliHarness.RunAsync(environment, _directory, "run", "--summary-json", "-");
        clock.Stop();

        Assert.Equal(1, run.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"took {clock.Elapsed}");
        Assert.Contains("PORT_BASE_URL", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Contains("no further calls", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value-never-shown", run.Output + run.Error, StringComparison.Ordinal);
    }

    private static string ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}

using System.Text.Json.Nodes;
using CopilotIngest.LocalPort;
using CopilotIngest.Testing;

namespace CopilotIngest.Cli.Tests;

/// <summary><c>--summary-json</c> is written whatever ends the run: success, failure, settings errors, cancellation.</summary>
public sealed class SummaryOnEveryExitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("summary-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_SettingsError_SummaryJsonSaysSo()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string?> { ["INGEST_M365"] = "false" }, _directory, "run", "--summary-json", "out/summary.json");

        Assert.Equal(2, result.ExitCode);
        var summary = ReadSummary("out/summary.json");
        Assert.Equal("invalid_settings", summary["outcome"]!.GetValue<string>());
        Assert.Equal(2, summary["exit_code"]!.GetValue<int>());
        Assert.False(summary["succeeded"]!.GetValue<bool>());
        Assert.Contains(summary["problems"]!.AsArray(), p => p!.GetValue<string>().Contains("PORT_CLIENT_ID", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_CancelledWhileADataSetRuns_SummaryListsFinishedAndCancelled()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var signal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "port.db") }, cancellationToken);
        await using var github = await ScriptedServer.StartAsync(async (context, _) =>
        {
            // SIGTERM arrives while GitHub is answering.
            await signal.CancelAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        var environment = new Dictionary<string, string?>
        {
            ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
            ["PORT_CLIENT_ID"] = port.ClientId,
            ["PORT_CLIENT_SECRET"] = port.ClientSecret,
            ["INGEST_M365"] = "false",
            ["GITHUB_API_URL"] = github.BaseAddress.ToString(),
            ["GITHUB_TOKEN"] = "ghp_test_token_value",
            ["GITHUB_ORGS"] = "acme",
        };

        var result = await CliHarness.RunAsync(environment, _directory, signal.Token, "run", "--summary-json", "summary.json");

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Cancelled", result.Error, StringComparison.Ordinal);
        Assert.Contains("github_seats", result.Output, StringComparison.Ordinal);
        Assert.Contains("cancelled", result.Output, StringComparison.Ordinal);
        var summary = ReadSummary("summary.json");
        Assert.Equal("cancelled", summary["outcome"]!.GetValue<string>());
        Assert.Equal(130, summary["exit_code"]!.GetValue<int>());
        var statuses = summary["data_sets"]!.AsArray().Select(d => d!["status"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Equal("cancelled", s));
        Assert.Equal("github_seats", summary["data_sets"]![0]!["name"]!.GetValue<string>());
    }

    private JsonNode ReadSummary(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, name)))!;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort;
using CopilotIngest.Simulation.GitHub;

namespace CopilotIngest.Cli.Tests;

/// <summary><c>LOG_FORMAT=json</c>: every line on both outputs is one JSON object; the summary is the last line; no tables.</summary>
public sealed class JsonLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jsonlog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_LogFormatJson_EveryLineIsOneJsonObjectAndTheSummaryComesLast()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "port.db") }, cancellationToken);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 50, Seed = 3 }, cancellationToken);
        var environment = new Dictionary<string, string?>
        {
            ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
            ["PORT_CLIENT_ID"] = port.ClientId,
            ["PORT_CLIENT_SECRET"] = port.ClientSecret,
            ["INGEST_M365"] = "false",
            ["GITHUB_API_URL"] = github.BaseAddress.ToString(),
            ["GITHUB_TOKEN"] = github.Token,
            ["GITHUB_ORGS"] = github.Population.Organizations[0].Login,
            ["LOG_FORMAT"] = "json",
        };
        Assert.Equal(0, (await CliHarness.RunAsync(environment, _directory, "setup")).ExitCode);

        var run = await CliHarness.RunAsync(environment, _directory, "run");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var errorLines = Lines(run.Error);
        var outputLines = Lines(run.Output);
        Assert.NotEmpty(errorLines);
        foreach (var line in errorLines.Concat(outputLines))
        {
            var record = JsonNode.Parse(line)!.AsObject();
            Assert.True(record.ContainsKey("timestamp"), line);
            Assert.True(record.ContainsKey("level"), line);
            Assert.True(record.ContainsKey("event_id"), line);
            Assert.True(record.ContainsKey("message"), line);
        }

        Assert.DoesNotContain('╭', run.Output + run.Error);
        Assert.DoesNotContain('│', run.Output + run.Error);
        var last = JsonNode.Parse(outputLines[^1])!;
        Assert.Equal(920, last["event_id"]!.GetValue<int>());
        Assert.Equal("succeeded", last["summary"]!["outcome"]!.GetValue<string>());
        Assert.Contains(last["summary"]!["data_sets"]!.AsArray(), d => d!["name"]!.GetValue<string>() == "github_seats");
    }

    [Fact]
    public async Task Run_LogFormatJsonWithSettingsError_ErrorIsOneJsonLine()
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string?> { ["INGEST_M365"] = "false", ["LOG_FORMAT"] = "json" }, _directory, "run");

        Assert.Equal(2, run.ExitCode);
        var lines = Lines(run.Error);
        var record = Assert.Single(lines);
        Assert.Contains("PORT_CLIENT_ID", JsonNode.Parse(record)!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static List<string> Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var line in lines)
        {
            try
            {
                using var _ = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                Assert.Fail($"Not a JSON line: {line}");
            }
        }

        return lines;
    }
}

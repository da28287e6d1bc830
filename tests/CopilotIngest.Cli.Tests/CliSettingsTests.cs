namespace CopilotIngest.Cli.Tests;

public sealed class CliSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_InvalidToggles_ExitCode2ListsEveryProblemWithoutStackTrace()
    {
        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?> { ["INGEST_GITHUB"] = "maybe", ["INGEST_M365"] = "perhaps" },
            _directory,
            "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("INGEST_GITHUB must be true or false, got 'maybe'", result.Error, StringComparison.Ordinal);
        Assert.Contains("INGEST_M365 must be true or false, got 'perhaps'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoCommand_RunsRun()
    {
        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?> { ["INGEST_GITHUB"] = "false", ["INGEST_M365"] = "false" },
            _directory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("there is nothing to ingest", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedDotEnvInWorkingDirectory_ReportedWithLine()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, ".env"), "INGEST_GITHUB=false\nnot a setting\n", TestContext.Current.CancellationToken);
        var result = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(".env line 2: expected NAME=value", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Root_ListsCommands()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("run", result.Output, StringComparison.Ordinal);
        Assert.Contains("--summary-json", result.Output, StringComparison.Ordinal);
    }
}

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
    public async Task Run_NothingConfigured_ExitCode2ListsPortAndGitHubProblemsTogether()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string?> { ["INGEST_M365"] = "false" }, _directory, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PORT_CLIENT_ID is required", result.Error, StringComparison.Ordinal);
        Assert.Contains("PORT_CLIENT_SECRET is required", result.Error, StringComparison.Ordinal);
        Assert.Contains("GITHUB_TOKEN is required", result.Error, StringComparison.Ordinal);
        Assert.Contains("GITHUB_ORGS", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PlainHttpPortUrlOffLoopback_Rejected()
    {
        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?>
            {
                ["INGEST_M365"] = "false",
                ["PORT_CLIENT_ID"] = "id",
                ["PORT_CLIENT_SECRET"] = "secret-value",
                ["PORT_BASE_URL"] = "http://port.example.com",
                ["GITHUB_TOKEN"] = "ghp_x",
                ["GITHUB_ORGS"] = "acme",
            },
            _directory,
            "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PORT_BASE_URL must use https://", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WebhookModeWithoutUrls_ListsEachEnabledDataSetsUrlWithTheOtherProblems()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string?> { ["USE_PORT_WEBHOOK"] = "true", ["GITHUB_ORGS"] = "acme" }, _directory, "run");

        Assert.Equal(2, result.ExitCode);
        foreach (var expected in new[] { "PORT_WEBHOOK_SECRET", "PORT_WEBHOOK_URL_GITHUB_SEATS", "PORT_WEBHOOK_URL_GITHUB_USAGE", "PORT_WEBHOOK_URL_M365_SUMMARY", "PORT_WEBHOOK_URL_M365_USERS", "PORT_WEBHOOK_URL_M365_TREND", "PORT_CLIENT_ID" })
        {
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        }

        // Opt-in data sets that are off need no URL.
        Assert.DoesNotContain("PORT_WEBHOOK_URL_GITHUB_USERS", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("PORT_WEBHOOK_URL_GITHUB_SEAT_DETAILS", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExplicitEnvFileMissing_ExitCode2NamesTheFile()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "run", "--env-file", "prod.env");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--env-file 'prod.env' does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidLogSettings_ReportedWithTheOthers()
    {
        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?> { ["LOG_LEVEL"] = "loud", ["LOG_FORMAT"] = "xml", ["INGEST_M365"] = "nope" },
            _directory,
            "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("LOG_LEVEL must be one of", result.Error, StringComparison.Ordinal);
        Assert.Contains("LOG_FORMAT must be text or json, got 'xml'", result.Error, StringComparison.Ordinal);
        var ingestProblems = result.Error.Split('\n').Count(line => line.Contains("INGEST_M365 must be true or false", StringComparison.Ordinal));
        Assert.Equal(1, ingestProblems);
    }

    [Fact]
    public async Task Invoke_UnknownOption_ExitCode2()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "run", "--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-option", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", "false")]
    [InlineData("false", "true")]
    public async Task Run_PseudonymizeWithShortKey_RefusedWhicheverSourceRuns(string github, string m365)
    {
        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?>
            {
                ["INGEST_GITHUB"] = github,
                ["INGEST_M365"] = m365,
                ["PRIVACY_MODE"] = "pseudonymize",
                ["PRIVACY_KEY"] = "short-key",
            },
            _directory,
            "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PRIVACY_KEY must be at least 16 characters", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("short-key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AggregateWithPersonDataSets_ExitCode2NamesBothSettingsWithTheOtherProblems()
    {
        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?>
            {
                ["INGEST_M365"] = "false",
                ["PORT_CLIENT_ID"] = "id",
                ["GITHUB_TOKEN"] = "ghp_x",
                ["GITHUB_ORGS"] = "acme",
                ["PRIVACY_MODE"] = "aggregate",
                ["GITHUB_USER_METRICS"] = "true",
                ["GITHUB_SEAT_DETAILS"] = "true",
            },
            _directory,
            "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("GITHUB_USER_METRICS=true writes one github_copilot_user entity per person, but PRIVACY_MODE=aggregate", result.Error, StringComparison.Ordinal);
        Assert.Contains("GITHUB_SEAT_DETAILS=true writes one github_copilot_seat entity per person, but PRIVACY_MODE=aggregate", result.Error, StringComparison.Ordinal);
        Assert.Contains("PORT_CLIENT_SECRET is required", result.Error, StringComparison.Ordinal);
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

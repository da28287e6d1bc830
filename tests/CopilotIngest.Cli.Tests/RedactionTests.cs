using System.Text;
using Microsoft.AspNetCore.Http;
using CopilotIngest.LocalPort;
using CopilotIngest.Testing;

namespace CopilotIngest.Cli.Tests;

/// <summary>No configured secret and no echoed credential reaches standard output, standard error or the summary file.</summary>
public sealed class RedactionTests : IDisposable
{
    private const string Token = "ghp_EchoedBackByTheServer0123456789abcdef";
    private readonly string _directory = Directory.CreateTempSubdirectory("redact-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_GitHubErrorEchoesAuthorizationHeader_TokenNowhereInOutput()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "port.db") }, cancellationToken);
        await using var github = await ScriptedServer.StartAsync(async (context, request) =>
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            var echoed = request.Headers.GetValueOrDefault("Authorization");
            await context.Response.WriteAsync($$"""{"message":"Bad credentials (request had Authorization: {{echoed}})","documentation_url":"https://docs.github.com/rest"}""", Encoding.UTF8);
        });
        var environment = new Dictionary<string, string?>
        {
            ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
            ["PORT_CLIENT_ID"] = port.ClientId,
            ["PORT_CLIENT_SECRET"] = port.ClientSecret,
            ["INGEST_M365"] = "false",
            ["GITHUB_API_URL"] = github.BaseAddress.ToString(),
            ["GITHUB_TOKEN"] = Token,
            ["GITHUB_ORGS"] = "acme",
            ["LOG_LEVEL"] = "Debug",
        };
        Assert.Equal(0, (await CliHarness.RunAsync(environment, _directory, "setup")).ExitCode);

        var run = await CliHarness.RunAsync(environment, _directory, "run", "--summary-json", "summary.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Bad credentials", run.Error + run.Output, StringComparison.Ordinal);
        var summary = await File.ReadAllTextAsync(Path.Combine(_directory, "summary.json"), cancellationToken);
        Assert.Contains("Bad credentials", summary, StringComparison.Ordinal);
        foreach (var output in new[] { run.Output, run.Error, summary })
        {
            Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
            Assert.DoesNotContain("EchoedBackByTheServer", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_PasswordInUrlSetting_NotPrintedInSettingsErrors()
    {
        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?>
            {
                ["INGEST_M365"] = "false",
                ["PORT_CLIENT_ID"] = "id",
                ["PORT_CLIENT_SECRET"] = "secret-value",
                ["PORT_BASE_URL"] = "http://svc:Url-Pa55word@port.example.com",
                ["GITHUB_TOKEN"] = "ghp_x",
                ["GITHUB_ORGS"] = "acme",
                ["GITHUB_API_URL"] = "ftp://admin:Other-Pa55@github.example.com",
            },
            _directory,
            "run",
            "--summary-json",
            "summary.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PORT_BASE_URL", result.Error, StringComparison.Ordinal);
        Assert.Contains("GITHUB_API_URL", result.Error, StringComparison.Ordinal);
        var everything = result.Output + result.Error + ReadIfExists("summary.json");
        Assert.DoesNotContain("Url-Pa55word", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Other-Pa55", everything, StringComparison.Ordinal);
        Assert.Contains("svc:***@port.example.com", result.Error, StringComparison.Ordinal);
    }

    private string ReadIfExists(string name)
    {
        var path = Path.Combine(_directory, name);
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }
}

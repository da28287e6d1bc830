using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort;

namespace CopilotIngest.Cli.Tests;

/// <summary><c>demo</c> aimed at a real Port (a URL in PORT_BASE_URL): asks first, and never deletes what it did not create.</summary>
public sealed class DemoSafetyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("demo-safety-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Demo_RealPortWithoutYes_ExitCode2NamesThePortAndWritesNothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "real.db") }, cancellationToken);

        var result = await CliHarness.RunAsync(Environment(port), _directory, "demo", "--seats", "100", "--m365-users", "50", "--summary-json", "summary.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(port.BaseAddress.ToString(), result.Error, StringComparison.Ordinal);
        Assert.Contains("--yes", result.Error, StringComparison.Ordinal);
        Assert.Contains("m365_copilot_user", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(await port.ListBlueprintsAsync(cancellationToken), b => !b.StartsWith('_'));
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, "summary.json"), cancellationToken))!;
        Assert.Equal("invalid_settings", summary["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Demo_RealPortWithYes_KeepsEntitiesItDidNotCreate()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "real.db") }, cancellationToken);
        var environment = Environment(port);
        Assert.Equal(0, (await CliHarness.RunAsync(environment, _directory, "setup")).ExitCode);
        await UpsertAsync(port, "m365_copilot_user", "real.person@contoso.com", cancellationToken);

        var result = await CliHarness.RunAsync(environment, _directory, "demo", "--yes", "--seats", "100", "--m365-users", "50");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Equal(51, await port.CountEntitiesAsync("m365_copilot_user", cancellationToken));
        Assert.NotNull(await port.GetEntityAsync("m365_copilot_user", "real.person@contoso.com", cancellationToken));
    }

    private static Dictionary<string, string?> Environment(LocalPortServer port) => new()
    {
        ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
        ["PORT_CLIENT_ID"] = port.ClientId,
        ["PORT_CLIENT_SECRET"] = port.ClientSecret,
    };

    private static async Task UpsertAsync(LocalPortServer port, string blueprint, string identifier, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = port.BaseAddress };
        using var tokenResponse = await http.PostAsync(
            "v1/auth/access_token",
            new StringContent(new JsonObject { ["clientId"] = port.ClientId, ["clientSecret"] = port.ClientSecret }.ToJsonString(), Encoding.UTF8, "application/json"),
            cancellationToken);
        var accessToken = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken))!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.PostAsync(
            $"v1/blueprints/{blueprint}/entities?upsert=true",
            new StringContent(new JsonObject { ["identifier"] = identifier, ["title"] = "A real person", ["properties"] = new JsonObject { ["report_refresh_date"] = "2026-11-01T00:00:00Z", ["tenant"] = "contoso" } }.ToJsonString(), Encoding.UTF8, "application/json"),
            cancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}

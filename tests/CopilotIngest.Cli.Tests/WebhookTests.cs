using System.Text.Json.Nodes;
using CopilotIngest.LocalPort;
using CopilotIngest.LocalPortHost;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;

namespace CopilotIngest.Cli.Tests;

/// <summary>
/// <c>USE_PORT_WEBHOOK=true</c> end to end: <c>setup --webhooks</c>, and parity: the same simulated tenant ingested through
/// the Entities API into one local Port and through webhooks into another gives the same entities for every data set.
/// </summary>
public sealed class WebhookTests : IDisposable
{
    private const string WebhookSecret = "parity-webhook-secret-0123456789";

    private static readonly string[] s_blueprints =
    [
        "github_copilot_seats", "github_copilot_usage", "github_copilot_user", "github_copilot_team_usage", "github_copilot_seat", "github_copilot_repo_usage", "github_copilot_billing",
        "m365_copilot_usage_summary", "m365_copilot_user", "m365_copilot_usage_trend",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("webhook-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_ApiAndWebhookPaths_LandEqualEntitiesForEveryDataSet()
    {
        var apiDirectory = Directory.CreateDirectory(Path.Combine(_directory, "api")).FullName;
        var webhookDirectory = Directory.CreateDirectory(Path.Combine(_directory, "webhook")).FullName;
        string[] demo = ["demo", "--seats", "120", "--m365-users", "80"];

        var api = await CliHarness.RunAsync(new Dictionary<string, string?>(), apiDirectory, [.. demo, "--summary-json", "summary.json"]);
        var webhook = await CliHarness.RunAsync(
            new Dictionary<string, string?> { ["USE_PORT_WEBHOOK"] = "true", ["PORT_WEBHOOK_SECRET"] = WebhookSecret },
            webhookDirectory,
            [.. demo, "--summary-json", "summary.json"]);

        Assert.True(api.ExitCode == 0, api.Error + api.Output);
        Assert.True(webhook.ExitCode == 0, webhook.Error + webhook.Output);
        Assert.Contains("PORT_WEBHOOK_URL_GITHUB_SEATS=http://127.0.0.1:", webhook.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, webhook.Output + webhook.Error, StringComparison.Ordinal);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(webhookDirectory, "summary.json")))!;
        Assert.All(summary["data_sets"]!.AsArray(), d => Assert.Equal(0, d!["failed"]!.GetValue<int>()));

        var (fromApi, apiWebhookRequests) = await ReadAllAsync(apiDirectory);
        var (fromWebhook, webhookRequests) = await ReadAllAsync(webhookDirectory);
        Assert.Equal(0, apiWebhookRequests);
        Assert.True(webhookRequests >= 9, $"{webhookRequests} webhook requests");
        foreach (var blueprint in s_blueprints)
        {
            Assert.True(fromApi[blueprint].Count > 0, $"the API run wrote no {blueprint}");
            Assert.Equal(fromApi[blueprint].Keys.Order(StringComparer.Ordinal), fromWebhook[blueprint].Keys.Order(StringComparer.Ordinal));
            foreach (var (identifier, expected) in fromApi[blueprint])
            {
                var actual = fromWebhook[blueprint][identifier];
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{blueprint} {identifier}:\n API:     {expected.ToJsonString()}\n webhook: {actual.ToJsonString()}");
            }
        }

        // A second webhook run posts nothing: Port already holds every content hash.
        var again = await CliHarness.RunAsync(
            new Dictionary<string, string?> { ["USE_PORT_WEBHOOK"] = "true", ["PORT_WEBHOOK_SECRET"] = WebhookSecret },
            webhookDirectory,
            [.. demo, "--summary-json", "again.json"]);
        Assert.True(again.ExitCode == 0, again.Error + again.Output);
        Assert.Contains("0 to create, 0 to update, 10 unchanged", again.Output, StringComparison.Ordinal);
        foreach (var dataSet in JsonNode.Parse(File.ReadAllText(Path.Combine(webhookDirectory, "again.json")))!["data_sets"]!.AsArray())
        {
            Assert.Equal(0, dataSet!["upserted"]!.GetValue<int>());
            Assert.Equal(0, dataSet["failed"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task SetupWebhooks_RunTwice_CreatesThenReportsUnchangedAndPrintsUrlsNotTheSecret()
    {
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "port.db") }, Ct);
        var environment = new Dictionary<string, string?>
        {
            ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
            ["PORT_CLIENT_ID"] = port.ClientId,
            ["PORT_CLIENT_SECRET"] = port.ClientSecret,
            ["PORT_WEBHOOK_SECRET"] = WebhookSecret,
        };

        var first = await CliHarness.RunAsync(environment, _directory, "setup", "--webhooks");
        var second = await CliHarness.RunAsync(environment, _directory, "setup", "--webhooks");

        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains("10 to create, 0 to update, 0 unchanged", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Contains("0 to create, 0 to update, 10 unchanged", second.Output, StringComparison.Ordinal);
        var lines = first.Output.Split('\n').Where(l => l.StartsWith("PORT_WEBHOOK_URL_", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        Assert.Equal(10, lines.Count);
        Assert.All(lines, l => Assert.Matches(@"^PORT_WEBHOOK_URL_[A-Z0-9_]+=http://127\.0\.0\.1:\d+/ingest/[0-9a-f]{32}$", l));
        Assert.Equal(lines, second.Output.Split('\n').Where(l => l.StartsWith("PORT_WEBHOOK_URL_", StringComparison.Ordinal)).Select(l => l.Trim()));
        Assert.DoesNotContain(WebhookSecret, first.Output + first.Error + second.Output + second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupWebhooks_NoSecret_ExitCode2NamingTheSettingBeforeChangingAnything()
    {
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "port.db") }, Ct);

        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?> { ["PORT_BASE_URL"] = port.BaseAddress.ToString(), ["PORT_CLIENT_ID"] = port.ClientId, ["PORT_CLIENT_SECRET"] = port.ClientSecret },
            _directory,
            "setup",
            "--webhooks");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PORT_WEBHOOK_SECRET", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("github_copilot_seats", await port.ListBlueprintsAsync(Ct));
    }

    [Fact]
    public async Task Run_MappingFailsInPort_ReportsEachEntityFailedWithPortsMessage()
    {
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "port.db") }, Ct);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 20, Seed = 5 }, Ct);
        var mappings = Directory.CreateDirectory(Path.Combine(_directory, "mappings")).FullName;
        foreach (var file in Directory.EnumerateFiles(ReferenceFiles.Repo("configs/mappings"), "webhook_*.json"))
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(Path.Combine(mappings, Path.GetFileName(file)), text.Replace("\".item.properties.active_seats\"", "\".item.properties.active_seats | error(\\\"no such field\\\")\"", StringComparison.Ordinal));
        }

        var settings = new Dictionary<string, string?>
        {
            ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
            ["PORT_CLIENT_ID"] = port.ClientId,
            ["PORT_CLIENT_SECRET"] = port.ClientSecret,
            ["PORT_WEBHOOK_SECRET"] = WebhookSecret,
        };
        var setup = await CliHarness.RunAsync(settings, _directory, "setup", "--webhooks", "--mappings", mappings);
        Assert.True(setup.ExitCode == 0, setup.Error + setup.Output);
        foreach (var line in setup.Output.Split('\n').Where(l => l.StartsWith("PORT_WEBHOOK_URL_", StringComparison.Ordinal)))
        {
            settings[line[..line.IndexOf('=', StringComparison.Ordinal)]] = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
        }

        settings["USE_PORT_WEBHOOK"] = "true";
        settings["INGEST_M365"] = "false";
        settings["GITHUB_API_URL"] = github.BaseAddress.ToString();
        settings["GITHUB_TOKEN"] = github.Token;
        settings["GITHUB_ORGS"] = string.Join(',', github.Population.Organizations.Select(o => o.Login));
        settings["GITHUB_USAGE_LOOKBACK_DAYS"] = "1";

        var run = await CliHarness.RunAsync(settings, _directory, "run", "--summary-json", "-");

        Assert.Equal(1, run.ExitCode);
        var seats = JsonNode.Parse(run.Output)!["data_sets"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "github_seats")!;
        Assert.Equal(0, seats["upserted"]!.GetValue<int>());
        Assert.Equal(2, seats["failed"]!.GetValue<int>());
        Assert.All(seats["failures"]!.AsArray(), f => Assert.Contains("property \"active_seats\": no such field", f!["message"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(0, await port.CountEntitiesAsync("github_copilot_seats", Ct));
        Assert.True(await port.CountEntitiesAsync("github_copilot_usage", Ct) > 0);
    }

    /// <summary>Every entity of the product's blueprints in the demo's local Port, as identifier → comparable content.</summary>
    private static async Task<(Dictionary<string, Dictionary<string, JsonObject>> Entities, int WebhookRequests)> ReadAllAsync(string workingDirectory)
    {
        await using var port = await LocalPortLauncher.StartAsync(Path.Combine(workingDirectory, ".copilot-ingest"), 0, TimeProvider.System, Ct);
        using var http = new HttpClient { BaseAddress = port.BaseAddress };
        using var tokenRequest = new StringContent(new JsonObject { ["clientId"] = port.ClientId, ["clientSecret"] = port.ClientSecret }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        var token = await http.PostAsync("v1/auth/access_token", tokenRequest, Ct);
        var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync(Ct))!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        var result = new Dictionary<string, Dictionary<string, JsonObject>>(StringComparer.Ordinal);
        foreach (var blueprint in s_blueprints)
        {
            var response = await http.GetStringAsync($"v1/blueprints/{blueprint}/entities", Ct);
            result[blueprint] = JsonNode.Parse(response)!["entities"]!.AsArray().Select(e => Comparable(e!.AsObject())).ToDictionary(e => e["identifier"]!.GetValue<string>(), StringComparer.Ordinal);
        }

        return (result, await port.CountWebhookRequestsAsync(Ct));
    }

    /// <summary>Identifier, title, properties and relations; a missing member and null are the same (as the sink compares them).</summary>
    private static JsonObject Comparable(JsonObject entity) => new()
    {
        ["identifier"] = entity["identifier"]!.DeepClone(),
        ["title"] = entity["title"]?.DeepClone(),
        ["properties"] = WithoutNulls(entity["properties"] as JsonObject),
        ["relations"] = WithoutNulls(entity["relations"] as JsonObject),
    };

    private static JsonObject WithoutNulls(JsonObject? members)
    {
        var result = new JsonObject();
        foreach (var (key, value) in (members ?? []).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (value is not null)
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }
}

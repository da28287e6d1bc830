using System.Text.Json;
using System.Text.Json.Nodes;
using CopilotIngest.Demo;
using CopilotIngest.LocalPort;
using CopilotIngest.LocalPortHost;
using CopilotIngest.Simulation.GitHub;

namespace CopilotIngest.Cli.Tests;

/// <summary>The real command line against the local Port and the simulated services over loopback HTTP.</summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("e2e-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Demo_RunTwice_SecondRunChangesNothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var first = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "demo", "--seats", "300", "--m365-users", "400", "--summary-json", "first.json");
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains("github_seats", first.Output, StringComparison.Ordinal);

        // The demo authenticates as a GitHub App: one installation token per organization and one on the enterprise; the
        // personal access token serves the enterprise seat listing and billing usage only.
        Assert.Contains($"authenticated as GitHub App {SimulatedSources.AppId}", first.Output, StringComparison.Ordinal);
        Assert.Contains("GitHub App: 3 installation token(s) minted for 3 installation(s)", first.Output, StringComparison.Ordinal);
        Assert.Contains("GITHUB_TOKEN served", first.Output, StringComparison.Ordinal);
        // The enterprise seat listing and the enterprise's billing usage, which GitHub documents for classic PATs only.
        Assert.EndsWith("request(s): /enterprises/octo-ent/copilot/billing/seats, /enterprises/octo-ent/settings/billing/premium_request/usage.", first.Output.Split('\n').Single(l => l.Contains("GITHUB_TOKEN served", StringComparison.Ordinal)).TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", first.Output + first.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ghs_", first.Output + first.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_directory, ".copilot-ingest", "local-port.db"), first.Output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var seatsAfterFirst = await ReadSeatsAsync(cancellationToken);

        var second = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "demo", "--seats", "300", "--m365-users", "400", "--summary-json", "second.json");
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        var seatsAfterSecond = await ReadSeatsAsync(cancellationToken);

        var firstSeats = DataSet(ReadJson("first.json"), "github_seats");
        var secondSeats = DataSet(ReadJson("second.json"), "github_seats");
        Assert.Equal(3, firstSeats["upserted"]!.GetValue<int>());
        Assert.Equal(0, secondSeats["upserted"]!.GetValue<int>());
        Assert.Equal(3, secondSeats["unchanged"]!.GetValue<int>());

        Assert.Equal(400, DataSet(ReadJson("first.json"), "m365_users")["upserted"]!.GetValue<int>());
        Assert.Equal(1, DataSet(ReadJson("first.json"), "m365_summary")["upserted"]!.GetValue<int>());
        Assert.True(DataSet(ReadJson("first.json"), "m365_trend")["upserted"]!.GetValue<int>() >= 28);

        // At least 28 days of usage for the enterprise and each of the two organizations.
        Assert.True(DataSet(ReadJson("first.json"), "github_usage")["upserted"]!.GetValue<int>() >= 3 * 28);
        foreach (var optIn in new[] { "github_users", "github_teams", "github_seat_details", "github_repos" })
        {
            Assert.True(DataSet(ReadJson("first.json"), optIn)["upserted"]!.GetValue<int>() > 0, optIn);
        }
        foreach (var dataSet in ReadJson("second.json")["data_sets"]!.AsArray())
        {
            Assert.Equal(0, dataSet!["upserted"]!.GetValue<int>());
            Assert.Equal(0, dataSet["deleted"]!.GetValue<int>());
            Assert.Equal(0, dataSet["failed"]!.GetValue<int>());
        }

        Assert.Equal(3, seatsAfterFirst.Count);
        Assert.Equal(seatsAfterFirst.Keys.Order(), seatsAfterSecond.Keys.Order());
        foreach (var (identifier, entity) in seatsAfterFirst)
        {
            Assert.True(JsonNode.DeepEquals(entity["properties"], seatsAfterSecond[identifier]["properties"]), identifier);
            Assert.Equal(entity["updatedAt"]?.ToString(), seatsAfterSecond[identifier]["updatedAt"]?.ToString());
        }
    }

    [Fact]
    public async Task Demo_Aggregate_NoEntityAboutAPersonAndADashboardOfAggregatesOnly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var result = await CliHarness.RunAsync(new Dictionary<string, string?> { ["PRIVACY_MODE"] = "aggregate" }, _directory, "demo", "--seats", "120", "--m365-users", "60", "--summary-json", "aggregate.json");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var summary = ReadJson("aggregate.json");
        Assert.Contains("PRIVACY_MODE=aggregate: skipped", DataSet(summary, "m365_users")["notes"]!.ToJsonString(), StringComparison.Ordinal);
        foreach (var aggregate in new[] { "github_seats", "github_usage", "github_teams", "m365_summary", "m365_trend" })
        {
            Assert.True(DataSet(summary, aggregate)["upserted"]!.GetValue<int>() > 0, aggregate);
        }

        await using var port = await LocalPortLauncher.StartAsync(Path.Combine(_directory, ".copilot-ingest"), 0, TimeProvider.System, cancellationToken);
        foreach (var person in new[] { "github_copilot_user", "github_copilot_seat", "m365_copilot_user" })
        {
            Assert.Equal(0, await port.CountEntitiesAsync(person, cancellationToken));
        }

        var page = Assert.Single(await port.ListPagesAsync(cancellationToken)).ToJsonString();
        Assert.DoesNotContain("github_copilot_user", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\"github_copilot_seat\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("m365_copilot_user", page, StringComparison.Ordinal);
        Assert.Contains("github_copilot_seats", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_InvalidSetting_StopsBeforeSetupChangesAnything()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string?> { ["PRIVACY_MODE"] = "pseudonymize" }, _directory, "demo", "--seats", "100", "--m365-users", "50");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PRIVACY_KEY", result.Error, StringComparison.Ordinal);
        await using var port = await LocalPortLauncher.StartAsync(Path.Combine(_directory, ".copilot-ingest"), 0, TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(await port.ListBlueprintsAsync(TestContext.Current.CancellationToken), b => !b.StartsWith('_'));
    }

    [Fact]
    public async Task Run_AgainstLocalPortStartedAlone_WritesSeatsSnapshot()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "alone.db") }, cancellationToken);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 250, Seed = 7 }, cancellationToken);
        var environment = new Dictionary<string, string?>
        {
            ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
            ["PORT_CLIENT_ID"] = port.ClientId,
            ["PORT_CLIENT_SECRET"] = port.ClientSecret,
            ["INGEST_M365"] = "false",
            ["GITHUB_API_URL"] = github.BaseAddress.ToString(),
            ["GITHUB_TOKEN"] = github.Token,
            ["GITHUB_ORGS"] = github.Population.Organizations[0].Login,
            ["GITHUB_ENTERPRISE"] = github.Population.Enterprise,
        };

        var setup = await CliHarness.RunAsync(environment, _directory, "setup");
        Assert.True(setup.ExitCode == 0, setup.Error + setup.Output);
        var run = await CliHarness.RunAsync(environment, _directory, "run", "--summary-json", "-");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        var summary = JsonNode.Parse(run.Output)!;
        Assert.True(summary["succeeded"]!.GetValue<bool>());
        Assert.Equal(2, DataSet(summary, "github_seats")["upserted"]!.GetValue<int>());

        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var enterprise = await port.GetEntityAsync("github_copilot_seats", $"enterprise:{github.Population.Enterprise}@{today}", cancellationToken);
        Assert.NotNull(enterprise);
        Assert.Equal(250, enterprise["properties"]!["assigned_seats"]!.GetValue<double>());
        Assert.Equal("enterprise", enterprise["properties"]!["scope_type"]!.GetValue<string>());
        Assert.DoesNotContain(github.Token, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(port.ClientSecret, run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GitHubAppKeyFromFile_ReadsOrganizationsWithInstallationTokens()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var key = System.Security.Cryptography.RSA.Create(2048);
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "app.db") }, cancellationToken);
        await using var github = await SimulatedGitHub.StartAsync(
            new SimulatedGitHubOptions { Seats = 120, Seed = 7, App = new SimulatedGitHubApp(99, key.ExportSubjectPublicKeyInfoPem()) }, cancellationToken);
        var keyFile = Path.Combine(_directory, "app.pem");
        await File.WriteAllTextAsync(keyFile, key.ExportRSAPrivateKeyPem(), cancellationToken);
        var environment = new Dictionary<string, string?>
        {
            ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
            ["PORT_CLIENT_ID"] = port.ClientId,
            ["PORT_CLIENT_SECRET"] = port.ClientSecret,
            ["INGEST_M365"] = "false",
            ["GITHUB_API_URL"] = github.BaseAddress.ToString(),
            ["GITHUB_APP_ID"] = "99",
            ["GITHUB_APP_PRIVATE_KEY_FILE"] = keyFile,
            ["GITHUB_ORGS"] = string.Join(',', github.Population.Organizations.Select(o => o.Login)),
        };

        Assert.Equal(0, (await CliHarness.RunAsync(environment, _directory, "setup")).ExitCode);
        var run = await CliHarness.RunAsync(environment, _directory, "run", "--summary-json", "-");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Equal(2, DataSet(JsonNode.Parse(run.Output)!, "github_seats")["upserted"]!.GetValue<int>());
        Assert.Equal(2, github.InstallationTokensMinted.Count);
        Assert.DoesNotContain(github.Requests, r => r.Credential == SimulatedCredential.PersonalToken);
        Assert.DoesNotContain("PRIVATE KEY", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GitHubAppKeyUnreadable_StopsNamingTheVariable()
    {
        var environment = new Dictionary<string, string?>
        {
            ["PORT_BASE_URL"] = "https://api.getport.io",
            ["PORT_CLIENT_ID"] = "id",
            ["PORT_CLIENT_SECRET"] = "secret",
            ["INGEST_M365"] = "false",
            ["GITHUB_APP_ID"] = "99",
            ["GITHUB_APP_PRIVATE_KEY"] = "-----BEGIN RSA PRIVATE KEY-----\\nc2VjcmV0\\n-----END RSA PRIVATE KEY-----",
            ["GITHUB_ORGS"] = "acme",
        };

        var run = await CliHarness.RunAsync(environment, _directory, "run");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("GITHUB_APP_PRIVATE_KEY (or the file named by GITHUB_APP_PRIVATE_KEY_FILE) is not an unencrypted RSA private key", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_DryRunAgainstEmptyPort_PlansCreateAndChangesNothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "dry.db") }, cancellationToken);
        var environment = new Dictionary<string, string?>
        {
            ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
            ["PORT_CLIENT_ID"] = port.ClientId,
            ["PORT_CLIENT_SECRET"] = port.ClientSecret,
        };

        var result = await CliHarness.RunAsync(environment, _directory, "setup", "--dry-run");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("github_copilot_seats", result.Output, StringComparison.Ordinal);
        Assert.Contains("dry run", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(await port.ListBlueprintsAsync(cancellationToken), b => !b.StartsWith('_'));
    }

    [Fact]
    public async Task Run_PortRejectsCredentials_ExitCode1WithClearMessage()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "creds.db") }, cancellationToken);
        var result = await CliHarness.RunAsync(
            new Dictionary<string, string?>
            {
                ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
                ["PORT_CLIENT_ID"] = port.ClientId,
                ["PORT_CLIENT_SECRET"] = "wrong-secret-value",
            },
            _directory,
            "setup");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PORT_CLIENT_ID", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", result.Error + result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private static JsonNode DataSet(JsonNode summary, string name) =>
        summary["data_sets"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == name)!;

    private JsonNode ReadJson(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, name)))!;

    private async Task<Dictionary<string, JsonObject>> ReadSeatsAsync(CancellationToken cancellationToken)
    {
        await using var port = await LocalPortLauncher.StartAsync(Path.Combine(_directory, ".copilot-ingest"), 0, TimeProvider.System, cancellationToken);
        using var http = new HttpClient { BaseAddress = port.BaseAddress };
        var token = await http.PostAsync(
            "v1/auth/access_token",
            JsonContent(new JsonObject { ["clientId"] = port.ClientId, ["clientSecret"] = port.ClientSecret }),
            cancellationToken);
        var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync(cancellationToken))!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        var response = await http.GetStringAsync("v1/blueprints/github_copilot_seats/entities", cancellationToken);
        return JsonNode.Parse(response)!["entities"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => e["identifier"]!.GetValue<string>());
    }

    private static StringContent JsonContent(JsonNode node) =>
        new(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Simulation.Graph;

namespace CopilotIngest.Cli.Tests;

/// <summary><c>doctor</c> and <c>verify</c> through the real command line against the simulated services and the local Port.</summary>
public sealed class DiagnosticsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("diagnostics-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Doctor_EverythingGranted_AllOkExitCode0()
    {
        await using var services = await Services.StartAsync(_directory, github => { }, graph => { });
        await services.SetupAsync();

        var result = await CliHarness.RunAsync(services.Environment, _directory, "doctor");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("0 problem(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("blueprint github_copilot_seats", result.Output, StringComparison.Ordinal);
        Assert.Contains("scopes: manage_billing:copilot, read:enterprise, read:org", result.Output, StringComparison.Ordinal);
        Assert.Contains("permission Reports.Read.All", result.Output, StringComparison.Ordinal);
        Assert.Contains("report download host", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PROBLEM", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(services.GitHub.Token, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(services.Graph.ClientSecret, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_TokenWithoutReadOrg_NamesTheScopeAndTheFix()
    {
        await using var services = await Services.StartAsync(_directory, github => github.TokenScopes = ["manage_billing:copilot"], graph => { });
        await services.SetupAsync();

        var result = await CliHarness.RunAsync(services.Environment, _directory, "doctor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing: GITHUB_ORGS", ProblemLine(result.Output, "scope read:org"), StringComparison.Ordinal);
        Assert.Contains("add read:org", result.Output, StringComparison.Ordinal);
        Assert.Contains("403", ProblemLine(result.Output, "'octo-web': usage metrics"), StringComparison.Ordinal);
        Assert.DoesNotContain("enterprise 'octo-ent': usage metrics", ProblemLines(result.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_UsageMetricsPolicyDisabled_NamesThePolicy()
    {
        await using var services = await Services.StartAsync(_directory, github => github.UsageMetricsPolicyEnabled = false, graph => { });
        await services.SetupAsync();

        var result = await CliHarness.RunAsync(services.Environment, _directory, "doctor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'Copilot usage metrics' policy", ProblemLine(result.Output, "enterprise 'octo-ent': usage metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_AppWithoutReportsPermission_NamesThePermissionAndAdminConsent()
    {
        await using var services = await Services.StartAsync(_directory, github => { }, graph => graph.Permissions.Remove(SimulatedPermissions.ReportsReadAll));
        await services.SetupAsync();

        var result = await CliHarness.RunAsync(services.Environment, _directory, "doctor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not granted", ProblemLine(result.Output, "permission Reports.Read.All"), StringComparison.Ordinal);
        Assert.Contains("Application permissions → Reports.Read.All, then 'Grant admin consent'", result.Output, StringComparison.Ordinal);
        Assert.Contains("403", ProblemLine(result.Output, "usage reports"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_AuthorityUnreachable_NamesM365AuthorityHost()
    {
        await using var services = await Services.StartAsync(_directory, github => { }, graph => { });
        await services.SetupAsync();
        var environment = new Dictionary<string, string?>(services.Environment) { ["M365_AUTHORITY_HOST"] = "https://login.invalid/" };

        var result = await CliHarness.RunAsync(environment, _directory, "doctor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("check M365_AUTHORITY_HOST", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_BlueprintChangedInPort_ReportsWouldUpdateAndChangesNothing()
    {
        await using var services = await Services.StartAsync(_directory, github => { }, graph => { });
        await services.SetupAsync();
        using var http = await services.PortHttpAsync();
        using var patched = await http.PatchAsync("v1/blueprints/github_copilot_seats", Json(new JsonObject { ["title"] = "Changed in the UI" }), Ct);
        Assert.True(patched.IsSuccessStatusCode);

        var result = await CliHarness.RunAsync(services.Environment, _directory, "doctor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("would update: differs in title", ProblemLine(result.Output, "blueprint github_copilot_seats"), StringComparison.Ordinal);
        Assert.Contains("copilot-ingest setup", result.Output, StringComparison.Ordinal);
        var blueprint = JsonNode.Parse(await http.GetStringAsync("v1/blueprints/github_copilot_seats", Ct))!;
        Assert.Equal("Changed in the UI", blueprint["blueprint"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Doctor_NoSettings_ExitCode2()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string?>(), _directory, "doctor");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PORT_CLIENT_ID", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterIngest_PortMatchesTheSources()
    {
        await using var services = await Services.StartAsync(_directory, github => { }, graph => { });
        await services.SetupAsync();
        var run = await CliHarness.RunAsync(services.Environment, _directory, "run");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        var result = await CliHarness.RunAsync(services.Environment, _directory, "verify");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("Port matches the sources", result.Output, StringComparison.Ordinal);
        Assert.Contains("seat_breakdown → active_this_cycle", result.Output, StringComparison.Ordinal);
        Assert.Contains("m365_copilot_user entities", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MISMATCH", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EntityDeletedAndValueAltered_ReportsBothMismatches()
    {
        await using var services = await Services.StartAsync(_directory, github => { }, graph => { });
        await services.SetupAsync();
        var run = await CliHarness.RunAsync(services.Environment, _directory, "run");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var http = await services.PortHttpAsync();
        var user = services.Graph.UserPrincipalNames.First();
        var users = JsonNode.Parse(await http.GetStringAsync("v1/blueprints/m365_copilot_user/entities", Ct))!["entities"]!.AsArray();
        var identifier = users.Select(u => u!["identifier"]!.GetValue<string>()).First(id => id.Contains(user.Split('@')[0], StringComparison.OrdinalIgnoreCase));
        using var deleted = await http.DeleteAsync($"v1/blueprints/m365_copilot_user/entities/{Uri.EscapeDataString(identifier)}", Ct);
        Assert.True(deleted.IsSuccessStatusCode);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var org = services.GitHub.Population.Organizations[0].Login;
        using var altered = await http.PatchAsync($"v1/blueprints/github_copilot_seats/entities/{org}@{today}", Json(new JsonObject { ["properties"] = new JsonObject { ["active_this_cycle"] = 1 } }), Ct);
        Assert.True(altered.IsSuccessStatusCode, await altered.Content.ReadAsStringAsync(Ct));

        var result = await CliHarness.RunAsync(services.Environment, _directory, "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"organization '{org}': seat_breakdown → active_this_cycle", MismatchLines(result.Output), StringComparison.Ordinal);
        Assert.Contains("m365_copilot_user entities", MismatchLines(result.Output), StringComparison.Ordinal);
        Assert.Contains("2 differ", result.Output, StringComparison.Ordinal);
    }

    private static string ProblemLines(string output) =>
        string.Join('\n', output.Split('\n').Where(l => l.StartsWith("PROBLEM", StringComparison.Ordinal)));

    private static string ProblemLine(string output, string check) =>
        output.Split('\n').FirstOrDefault(l => l.StartsWith("PROBLEM", StringComparison.Ordinal) && l.Contains(check, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No problem line for '{check}' in:\n{output}");

    private static string MismatchLines(string output) =>
        string.Join('\n', output.Split('\n').Where(l => l.StartsWith("MISMATCH", StringComparison.Ordinal)));

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    /// <summary>The local Port, a simulated GitHub and a simulated Microsoft 365 tenant, and the settings pointing at them.</summary>
    private sealed class Services : IAsyncDisposable
    {
        private Services(LocalPortServer port, SimulatedGitHub github, SimulatedGraph graph, string directory)
        {
            Port = port;
            GitHub = github;
            Graph = graph;
            Directory = directory;
            Environment = new Dictionary<string, string?>
            {
                ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
                ["PORT_CLIENT_ID"] = port.ClientId,
                ["PORT_CLIENT_SECRET"] = port.ClientSecret,
                ["GITHUB_API_URL"] = github.BaseAddress.ToString(),
                ["GITHUB_TOKEN"] = github.Token,
                ["GITHUB_ORGS"] = string.Join(',', github.Population.Organizations.Select(o => o.Login)),
                ["GITHUB_ENTERPRISE"] = github.Population.Enterprise,
                ["GITHUB_USAGE_LOOKBACK_DAYS"] = "3",
            };
            foreach (var (name, value) in graph.Settings)
            {
                Environment[name] = value;
            }
        }

        public LocalPortServer Port { get; }

        public SimulatedGitHub GitHub { get; }

        public SimulatedGraph Graph { get; }

        public string Directory { get; }

        public Dictionary<string, string?> Environment { get; }

        public static async Task<Services> StartAsync(string directory, Action<SimulatedGitHubOptions> github, Action<SimulatedGraphOptions> graph)
        {
            var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(directory, "port.db") }, Ct);
            var githubOptions = new SimulatedGitHubOptions { Seats = 120, Seed = 11 };
            github(githubOptions);
            var graphOptions = new SimulatedGraphOptions { LicensedUsers = 60, Seed = 12 };
            graph(graphOptions);
            return new Services(port, await SimulatedGitHub.StartAsync(githubOptions, Ct), await SimulatedGraph.StartAsync(graphOptions, Ct), directory);
        }

        public async Task SetupAsync()
        {
            var setup = await CliHarness.RunAsync(Environment, Directory, "setup");
            Assert.True(setup.ExitCode == 0, setup.Error + setup.Output);
        }

        /// <summary>An authenticated client of the local Port's API, to change things behind the product's back.</summary>
        public async Task<HttpClient> PortHttpAsync()
        {
            var http = new HttpClient { BaseAddress = Port.BaseAddress };
            using var token = await http.PostAsync("v1/auth/access_token", Json(new JsonObject { ["clientId"] = Port.ClientId, ["clientSecret"] = Port.ClientSecret }), Ct);
            var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync(Ct))!["accessToken"]!.GetValue<string>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            return http;
        }

        public async ValueTask DisposeAsync()
        {
            await Graph.DisposeAsync();
            await GitHub.DisposeAsync();
            await Port.DisposeAsync();
        }
    }
}

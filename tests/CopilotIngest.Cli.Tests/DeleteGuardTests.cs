using System.Text.Json.Nodes;
using CopilotIngest.LocalPort;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Simulation.Graph;

namespace CopilotIngest.Cli.Tests;

/// <summary>
/// The delete guards, through the real command line against the local Port and the simulated GitHub and Microsoft
/// Graph: the share of deletions is measured against what Port held before the run, a seat listing shorter than
/// GitHub's total never deletes, RECONCILE_MODE=report deletes nothing, and every deletion and refusal is in the summary;
/// the same guards hold when entities go through Port webhooks (deletes then go through the mapping's delete operation).
/// </summary>
public sealed class DeleteGuardTests : IAsyncLifetime
{
    private const string SeatBlueprint = "github_copilot_seat";
    private const string UserBlueprint = "m365_copilot_user";

    private readonly string _directory = Directory.CreateTempSubdirectory("guard-").FullName;
    private LocalPortServer _port = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "port.db") }, Ct);
        var setup = await CliHarness.RunAsync(PortSettings(), _directory, "setup");
        Assert.True(setup.ExitCode == 0, setup.Error + setup.Output);
    }

    public async ValueTask DisposeAsync()
    {
        await _port.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Run_M365UsersReplacedBy120Others_Keeps30AndSaysWhy()
    {
        await using (var before = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 30, TenantDomain = "contoso" }, Ct))
        {
            await RunAsync(M365(before));
        }

        await using var after = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 120, TenantDomain = "fabrikam" }, Ct);
        var users = DataSet(await RunAsync(M365(after)), "m365_users");

        Assert.Equal(0, users["deleted"]!.GetValue<int>());
        Assert.Equal(30, users["not_deleted"]!.GetValue<int>());
        Assert.Contains(Notes(users), n => n.Contains("not deleting 30 of the 30 m365_copilot_user entities Port held before this run (100", StringComparison.Ordinal) && n.Contains("M365_DELETE_THRESHOLD=0.2", StringComparison.Ordinal));
        Assert.Equal(150, await _port.CountEntitiesAsync(UserBlueprint, Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_SeatsReplacedBy40Others_KeepsEveryOldSeat(bool webhooks)
    {
        // Measured after this run's upserts, 40 stale of 80 held would pass a threshold of 0.5; before the run Port held 40.
        var threshold = new Dictionary<string, string?>(webhooks ? await WebhookSettingsAsync() : []) { ["GITHUB_DELETE_THRESHOLD"] = "0.5" };
        IReadOnlyList<string> oldSeats;
        await using (var before = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 40, Seed = 1 }, Ct))
        {
            await RunAsync(GitHub(before, threshold));
            oldSeats = await SeatIdentifiersAsync();
        }

        await using var after = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 40, Seed = 2 }, Ct);
        var seats = DataSet(await RunAsync(GitHub(after, threshold)), "github_seat_details");

        Assert.Equal(0, seats["deleted"]!.GetValue<int>());
        Assert.True(seats["not_deleted"]!.GetValue<int>() >= 40, seats.ToJsonString());
        Assert.Contains(Notes(seats), n => n.StartsWith("enterprise 'octo-ent': not deleting ", StringComparison.Ordinal) && n.Contains("GITHUB_DELETE_THRESHOLD=0.5", StringComparison.Ordinal));
        Assert.Empty(oldSeats.Except(await SeatIdentifiersAsync()));
    }

    [Fact]
    public async Task Run_SeatListingShorterThanTotalSeats_DeletesNothingAndSaysWhy()
    {
        IReadOnlyList<string> held;
        await using (var complete = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 80, Seed = 3 }, Ct))
        {
            await RunAsync(GitHub(complete));
            held = await SeatIdentifiersAsync();
        }

        await using var cutShort = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 80, Seed = 3, SeatsMissingFromListing = 3 }, Ct);
        var seats = DataSet(await RunAsync(GitHub(cutShort)), "github_seat_details");

        Assert.Equal(0, seats["deleted"]!.GetValue<int>());
        Assert.Contains(Notes(seats), n => n.StartsWith("organization 'octo-web': GitHub listed ", StringComparison.Ordinal) && n.Contains("total_seats=", StringComparison.Ordinal));
        Assert.Contains(Notes(seats), n => n.StartsWith("organization 'octo-data': GitHub listed ", StringComparison.Ordinal));
        Assert.Empty(held.Except(await SeatIdentifiersAsync()));
    }

    [Theory]
    [InlineData(null, 1, false)]
    [InlineData("report", 0, false)]
    [InlineData(null, 1, true)]
    [InlineData("report", 0, true)]
    public async Task Run_OneSeatLeft_DeletedUnlessReconcileModeIsReport(string? mode, int expectedDeleted, bool webhooks)
    {
        var extra = new Dictionary<string, string?>(webhooks ? await WebhookSettingsAsync() : []) { ["RECONCILE_MODE"] = mode };
        string leaver;
        await using (var before = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 40, Seed = 4 }, Ct))
        {
            await RunAsync(GitHub(before, extra));
            leaver = before.Population.Users[^1].Login;
        }

        var held = await SeatIdentifiersAsync();
        var leaverSeat = Assert.Single(held, id => id.Equals(leaver + "@enterprise:octo-ent", StringComparison.OrdinalIgnoreCase));
        await using var after = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 39, Seed = 4 }, Ct);
        var seats = DataSet(await RunAsync(GitHub(after, extra)), "github_seat_details");

        var remaining = await SeatIdentifiersAsync();
        if (expectedDeleted == 0)
        {
            Assert.Equal(0, seats["deleted"]!.GetValue<int>());
            Assert.True(seats["not_deleted"]!.GetValue<int>() >= 1, seats.ToJsonString());
            Assert.Equal(held.Order(StringComparer.Ordinal), remaining.Order(StringComparer.Ordinal));
            Assert.Contains(Notes(seats), n => n.StartsWith("enterprise 'octo-ent': 1 github_copilot_seat entities are no longer returned by GitHub", StringComparison.Ordinal) && n.Contains("RECONCILE_MODE=report", StringComparison.Ordinal));
        }
        else
        {
            Assert.True(seats["deleted"]!.GetValue<int>() >= 1, seats.ToJsonString());
            Assert.DoesNotContain(leaverSeat, remaining);
            Assert.Contains(Notes(seats), n => n.StartsWith("enterprise 'octo-ent': deleted 1 of the 40 github_copilot_seat entities Port held", StringComparison.Ordinal) && n.Contains(leaverSeat, StringComparison.Ordinal));
        }
    }

    /// <summary>Webhook mode: <c>setup --webhooks</c> against the local Port, and the settings it prints.</summary>
    private async Task<Dictionary<string, string?>> WebhookSettingsAsync()
    {
        var settings = new Dictionary<string, string?>(PortSettings()) { ["PORT_WEBHOOK_SECRET"] = "guard-webhook-secret-0123456789" };
        var setup = await CliHarness.RunAsync(settings, _directory, "setup", "--webhooks");
        Assert.True(setup.ExitCode == 0, setup.Error + setup.Output);
        foreach (var line in setup.Output.Split('\n').Where(l => l.StartsWith("PORT_WEBHOOK_URL_", StringComparison.Ordinal)))
        {
            var (name, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());
            settings[name] = value;
        }

        settings["USE_PORT_WEBHOOK"] = "true";
        return settings;
    }

    private Dictionary<string, string?> PortSettings() => new()
    {
        ["PORT_BASE_URL"] = _port.BaseAddress.ToString(),
        ["PORT_CLIENT_ID"] = _port.ClientId,
        ["PORT_CLIENT_SECRET"] = _port.ClientSecret,
    };

    private Dictionary<string, string?> GitHub(SimulatedGitHub github, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = PortSettings();
        settings["INGEST_M365"] = "false";
        settings["GITHUB_API_URL"] = github.BaseAddress.ToString();
        settings["GITHUB_TOKEN"] = github.Token;
        settings["GITHUB_ORGS"] = string.Join(',', github.Population.Organizations.Select(o => o.Login));
        settings["GITHUB_ENTERPRISE"] = github.Population.Enterprise;
        settings["GITHUB_SEAT_DETAILS"] = "true";
        settings["GITHUB_USAGE_LOOKBACK_DAYS"] = "1";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private Dictionary<string, string?> M365(SimulatedGraph graph)
    {
        var settings = PortSettings();
        settings["INGEST_GITHUB"] = "false";
        foreach (var (key, value) in graph.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task<JsonNode> RunAsync(Dictionary<string, string?> settings)
    {
        var run = await CliHarness.RunAsync(settings, _directory, "run", "--summary-json", "-");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        return JsonNode.Parse(run.Output)!;
    }

    private async Task<IReadOnlyList<string>> SeatIdentifiersAsync()
    {
        using var http = new HttpClient { BaseAddress = _port.BaseAddress };
        using var tokenBody = new StringContent(new JsonObject { ["clientId"] = _port.ClientId, ["clientSecret"] = _port.ClientSecret }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var token = await http.PostAsync("v1/auth/access_token", tokenBody, Ct);
        var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync(Ct))!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        var body = JsonNode.Parse(await http.GetStringAsync($"v1/blueprints/{SeatBlueprint}/entities", Ct))!;
        return [.. body["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>())];
    }

    private static JsonNode DataSet(JsonNode summary, string name) =>
        summary["data_sets"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == name)!;

    private static IEnumerable<string> Notes(JsonNode dataSet) => dataSet["notes"]!.AsArray().Select(n => n!.GetValue<string>());
}

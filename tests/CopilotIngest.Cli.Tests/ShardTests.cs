using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Simulation.Graph;

namespace CopilotIngest.Cli.Tests;

/// <summary>
/// <c>run --shard i/n</c> through the real command line against local Ports and the simulated GitHub and Microsoft
/// Graph: the shards of a run together write exactly what one unsharded run writes, and each shard deletes only within
/// the scopes it read.
/// </summary>
public sealed class ShardTests : IAsyncLifetime
{
    private const string SeatBlueprint = "github_copilot_seat";

    private readonly string _directory = Directory.CreateTempSubdirectory("shard-").FullName;
    private readonly List<LocalPortServer> _ports = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var port in _ports)
        {
            await port.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Run_EveryShardOfN_WritesExactlyTheEntitiesOfOneRun(int shards)
    {
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 60, Seed = 7 }, Ct);
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 40 }, Ct);
        var whole = await StartPortAsync("whole");
        var sharded = await StartPortAsync("sharded");

        var unsharded = await RunAsync(Settings(whole, github, graph));
        var shardSummaries = new List<JsonNode>();
        for (var i = 0; i < shards; i++)
        {
            shardSummaries.Add(await RunAsync(Settings(sharded, github, graph), "--shard", $"{i}/{shards}"));
        }

        var expected = await EntitiesAsync(whole);
        Assert.True(expected.Count >= 8, string.Join(", ", expected.Keys));
        Assert.Equal(expected.Keys, (await EntitiesAsync(sharded)).Keys);
        foreach (var (blueprint, entities) in await EntitiesAsync(sharded))
        {
            Assert.True(expected[blueprint].Count > 0, blueprint);
            Assert.Equal(expected[blueprint], entities);
        }

        // No unit ran twice: per data set, the shards together fetched what the whole run fetched.
        foreach (var dataSet in unsharded["data_sets"]!.AsArray())
        {
            var name = dataSet!["name"]!.GetValue<string>();
            var fetched = shardSummaries.Sum(s => DataSet(s, name)["fetched"]!.GetValue<int>());
            Assert.Equal(dataSet["fetched"]!.GetValue<int>(), fetched);
        }
    }

    [Fact]
    public async Task Run_TwoShardsAfterSeatsLeft_EachDeletesOnlyWithinItsOwnScopes()
    {
        var port = await StartPortAsync("guard");
        var threshold = new Dictionary<string, string?> { ["GITHUB_DELETE_THRESHOLD"] = "1", ["INGEST_M365"] = "false" };
        await using (var before = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 60, Seed = 8 }, Ct))
        {
            await RunAsync(Settings(port, before, null, threshold));
        }

        var held = await SeatIdentifiersAsync(port);
        await using var after = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 40, Seed = 8 }, Ct);
        var settings = Settings(port, after, null, threshold);

        await RunAsync(settings, "--shard", "0/2");
        var afterShard0 = await SeatIdentifiersAsync(port);
        await RunAsync(settings, "--shard", "1/2");
        var afterShard1 = await SeatIdentifiersAsync(port);
        await RunAsync(settings);
        var afterWhole = await SeatIdentifiersAsync(port);

        var deletedBy0 = held.Except(afterShard0).ToList();
        var deletedBy1 = afterShard0.Except(afterShard1).ToList();
        Assert.NotEmpty(deletedBy0);
        Assert.NotEmpty(deletedBy1);
        var scopesOf0 = deletedBy0.Select(Scope).ToHashSet(StringComparer.Ordinal);
        var scopesOf1 = deletedBy1.Select(Scope).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(scopesOf0.Intersect(scopesOf1));

        // Shard 0 left every seat of shard 1's scopes alone, and the two shards together did the whole run's deleting.
        Assert.All(held.Where(id => scopesOf1.Contains(Scope(id))), id => Assert.Contains(id, afterShard0));
        Assert.Equal(afterShard1.Order(StringComparer.Ordinal), afterWhole.Order(StringComparer.Ordinal));
    }

    private static string Scope(string identifier) => identifier[(identifier.LastIndexOf('@') + 1)..];

    private async Task<LocalPortServer> StartPortAsync(string name)
    {
        var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, name + ".db") }, Ct);
        _ports.Add(port);
        var setup = await CliHarness.RunAsync(PortSettings(port), _directory, "setup");
        Assert.True(setup.ExitCode == 0, setup.Error + setup.Output);
        return port;
    }

    private static Dictionary<string, string?> PortSettings(LocalPortServer port) => new()
    {
        ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
        ["PORT_CLIENT_ID"] = port.ClientId,
        ["PORT_CLIENT_SECRET"] = port.ClientSecret,
    };

    private static Dictionary<string, string?> Settings(LocalPortServer port, SimulatedGitHub github, SimulatedGraph? graph, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = PortSettings(port);
        settings["GITHUB_API_URL"] = github.BaseAddress.ToString();
        settings["GITHUB_TOKEN"] = github.Token;
        settings["GITHUB_ORGS"] = string.Join(',', github.Population.Organizations.Select(o => o.Login));
        settings["GITHUB_ENTERPRISE"] = github.Population.Enterprise;
        settings["GITHUB_SEAT_DETAILS"] = "true";
        settings["GITHUB_USER_METRICS"] = "true";
        settings["GITHUB_TEAM_METRICS"] = "true";
        settings["GITHUB_USAGE_LOOKBACK_DAYS"] = "3";
        foreach (var (key, value) in graph?.Settings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task<JsonNode> RunAsync(Dictionary<string, string?> settings, params string[] extraArgs)
    {
        var run = await CliHarness.RunAsync(settings, _directory, ["run", "--summary-json", "-", .. extraArgs]);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        return JsonNode.Parse(run.Output)!;
    }

    /// <summary>Every entity the Port holds, per blueprint: identifier, title, properties and relations as compact JSON, sorted.</summary>
    private static async Task<SortedDictionary<string, List<string>>> EntitiesAsync(LocalPortServer port)
    {
        using var http = await ClientAsync(port);
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var blueprint in await port.ListBlueprintsAsync(Ct))
        {
            var body = JsonNode.Parse(await http.GetStringAsync($"v1/blueprints/{blueprint}/entities", Ct))!;
            var entities = body["entities"]!.AsArray()
                .Select(e => new JsonObject
                {
                    ["identifier"] = e!["identifier"]!.DeepClone(),
                    ["title"] = e["title"]?.DeepClone(),
                    ["properties"] = e["properties"]?.DeepClone(),
                    ["relations"] = e["relations"]?.DeepClone(),
                }.ToJsonString())
                .Order(StringComparer.Ordinal)
                .ToList();
            if (entities.Count > 0)
            {
                result[blueprint] = entities;
            }
        }

        return result;
    }

    private static async Task<IReadOnlyList<string>> SeatIdentifiersAsync(LocalPortServer port)
    {
        using var http = await ClientAsync(port);
        var body = JsonNode.Parse(await http.GetStringAsync($"v1/blueprints/{SeatBlueprint}/entities", Ct))!;
        return [.. body["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>())];
    }

    private static async Task<HttpClient> ClientAsync(LocalPortServer port)
    {
        var http = new HttpClient { BaseAddress = port.BaseAddress };
        using var tokenBody = new StringContent(new JsonObject { ["clientId"] = port.ClientId, ["clientSecret"] = port.ClientSecret }.ToJsonString(), Encoding.UTF8, "application/json");
        using var token = await http.PostAsync("v1/auth/access_token", tokenBody, Ct);
        var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync(Ct))!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    private static JsonNode DataSet(JsonNode summary, string name) =>
        summary["data_sets"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == name)!;
}

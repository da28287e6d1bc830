using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;
using CopilotIngest.LocalPort;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Simulation.Graph;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotIngest.Cli.Tests;

/// <summary>
/// Identifiers that stay the same whatever the case of the settings or the fate of one Graph call, and the one-time
/// replacement of entities earlier versions wrote under other identifiers: the real command line against the local
/// Port and the simulated services over loopback HTTP.
/// </summary>
public sealed class StableIdentityTests : IDisposable
{
    private static readonly string[] s_gitHubBlueprints = ["github_copilot_seats", "github_copilot_usage", "github_copilot_user", "github_copilot_team_usage", "github_copilot_seat"];
    private static readonly string[] s_m365Blueprints = ["m365_copilot_usage_summary", "m365_copilot_usage_trend", "m365_copilot_user"];

    private readonly string _directory = Directory.CreateTempSubdirectory("identity-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_ScopesConfiguredInAnotherCase_NoSecondSetOfGitHubEntities()
    {
        await using var port = await StartPortAsync();
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 60, Seed = 11 }, Ct);

        await RunAsync(GitHubEnvironment(port, github, "octo-web,octo-data", "octo-ent"));
        var first = await IdentifiersAsync(port, s_gitHubBlueprints);
        var second = await RunAsync(GitHubEnvironment(port, github, "Octo-Web,OCTO-DATA", "Octo-Ent"));
        var after = await IdentifiersAsync(port, s_gitHubBlueprints);

        foreach (var blueprint in s_gitHubBlueprints)
        {
            Assert.NotEmpty(first[blueprint]);
            Assert.All(after[blueprint], id => Assert.Equal(id.ToLowerInvariant(), id));
            Assert.Equal(first[blueprint].Order(StringComparer.Ordinal), after[blueprint].Order(StringComparer.Ordinal));
        }

        // Titles keep the case as configured.
        var seats = await port.GetEntityAsync("github_copilot_seats", first["github_copilot_seats"].First(id => id.StartsWith("octo-web@", StringComparison.Ordinal)), Ct);
        Assert.StartsWith("Octo-Web Copilot seats", seats!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(second["data_sets"]!.AsArray(), d => Assert.Equal(0, d!["deleted"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Run_PortHoldsGitHubEntitiesInAnotherCase_ReplacedByOnePerFoldedIdentifier()
    {
        await using var port = await StartPortAsync();
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 60, Seed = 12 }, Ct);
        var environment = GitHubEnvironment(port, github, "Octo-Web,Octo-Data", "Octo-Ent");
        await RunAsync(environment);
        var current = await IdentifiersAsync(port, s_gitHubBlueprints);

        // What earlier versions left: every entity under a mixed-case identifier, plus an old day this run does not write again.
        using (var services = PortServices(port))
        {
            await CopyAsync(port, services, "github_copilot_usage", current["github_copilot_usage"][0], "Octo-Web@2020-01-01");
            foreach (var blueprint in s_gitHubBlueprints)
            {
                await MoveAsync(port, services, blueprint, current[blueprint], MixedCase);
            }
        }

        var summary = await RunAsync(environment);
        var after = await IdentifiersAsync(port, s_gitHubBlueprints);

        foreach (var blueprint in s_gitHubBlueprints)
        {
            var expected = blueprint == "github_copilot_usage" ? [.. current[blueprint], "Octo-Web@2020-01-01"] : current[blueprint];
            Assert.Equal(expected.Order(StringComparer.Ordinal), after[blueprint].Order(StringComparer.Ordinal));
        }

        foreach (var (dataSet, blueprint) in new[] { ("github_seats", "github_copilot_seats"), ("github_usage", "github_copilot_usage"), ("github_users", "github_copilot_user"), ("github_teams", "github_copilot_team_usage"), ("github_seat_details", "github_copilot_seat") })
        {
            var result = DataSet(summary, dataSet);
            Assert.Equal(current[blueprint].Count, result["deleted"]!.GetValue<int>());
            Assert.Contains(result["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("earlier identifier format", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Run_OrganizationReadForbiddenOnce_NoSecondSetOfM365Entities()
    {
        await using var port = await StartPortAsync();
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 40 }, Ct);

        await RunAsync(M365Environment(port, graph));
        var first = await IdentifiersAsync(port, s_m365Blueprints);
        graph.AddFault(new GraphFault("/v1.0/organization", GraphFaultKind.Forbidden));
        var second = await RunAsync(M365Environment(port, graph));
        var after = await IdentifiersAsync(port, s_m365Blueprints);

        foreach (var blueprint in s_m365Blueprints)
        {
            Assert.NotEmpty(first[blueprint]);
            Assert.Equal(first[blueprint].Order(StringComparer.Ordinal), after[blueprint].Order(StringComparer.Ordinal));
        }

        Assert.All(first["m365_copilot_usage_trend"], id => Assert.StartsWith(graph.TenantId + "@", id, StringComparison.Ordinal));
        Assert.All(second["data_sets"]!.AsArray(), d => Assert.Equal(0, d!["deleted"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Run_TwoTenantsInOnePort_NeitherDeletesTheOthersUsers()
    {
        await using var port = await StartPortAsync();
        await using var small = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 10, Seed = 1, TenantDomain = "contoso" }, Ct);
        await using var large = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 100, Seed = 2, TenantDomain = "fabrikam" }, Ct);

        await RunAsync(M365Environment(port, small));
        var afterLarge = await RunAsync(M365Environment(port, large));
        var afterSmall = await RunAsync(M365Environment(port, small));
        var users = (await IdentifiersAsync(port, ["m365_copilot_user"]))["m365_copilot_user"];

        Assert.Equal(0, DataSet(afterLarge, "m365_users")["deleted"]!.GetValue<int>());
        Assert.Equal(0, DataSet(afterSmall, "m365_users")["deleted"]!.GetValue<int>());
        Assert.Equal(110, users.Count);
        Assert.Equal(10, users.Count(u => u.EndsWith("@" + small.TenantId, StringComparison.Ordinal)));
        Assert.Equal(100, users.Count(u => u.EndsWith("@" + large.TenantId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_PortHoldsM365EntitiesUnderTheTenantNameAndBareUpns_ReplacedByOnePerTenantIdIdentifier()
    {
        await using var port = await StartPortAsync();
        await using var graph = await SimulatedGraph.StartAsync(new SimulatedGraphOptions { LicensedUsers = 40 }, Ct);
        var environment = M365Environment(port, graph);
        await RunAsync(environment);
        var current = await IdentifiersAsync(port, s_m365Blueprints);
        var tenantPrefix = graph.TenantId + "@";
        var userSuffix = "@" + graph.TenantId;

        // What earlier versions wrote: summary and trend by the initial domain's name, users by bare UPN, plus an old day outside the trend.
        using (var services = PortServices(port))
        {
            string Named(string id) => "contoso@" + id[tenantPrefix.Length..];
            await CopyAsync(port, services, "m365_copilot_usage_trend", current["m365_copilot_usage_trend"][0], "contoso@2020-01-01");
            await MoveAsync(port, services, "m365_copilot_usage_summary", current["m365_copilot_usage_summary"], Named);
            await MoveAsync(port, services, "m365_copilot_usage_trend", current["m365_copilot_usage_trend"], Named);
            await MoveAsync(port, services, "m365_copilot_user", current["m365_copilot_user"], id => id[..^userSuffix.Length]);
        }

        var summary = await RunAsync(environment);
        var after = await IdentifiersAsync(port, s_m365Blueprints);

        Assert.Equal(current["m365_copilot_usage_summary"].Order(StringComparer.Ordinal), after["m365_copilot_usage_summary"].Order(StringComparer.Ordinal));
        Assert.Equal(current["m365_copilot_usage_trend"].Append("contoso@2020-01-01").Order(StringComparer.Ordinal), after["m365_copilot_usage_trend"].Order(StringComparer.Ordinal));
        Assert.Equal(current["m365_copilot_user"].Order(StringComparer.Ordinal), after["m365_copilot_user"].Order(StringComparer.Ordinal));
        Assert.Equal(40, DataSet(summary, "m365_users")["deleted"]!.GetValue<int>());
        Assert.Equal(current["m365_copilot_usage_trend"].Count, DataSet(summary, "m365_trend")["deleted"]!.GetValue<int>());
        Assert.Contains(DataSet(summary, "m365_summary")["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("earlier identifier format", StringComparison.Ordinal));
    }

    private static string MixedCase(string identifier) =>
        string.Join('@', identifier.Split('@').Select(part => part.StartsWith("enterprise:", StringComparison.Ordinal) ? "enterprise:" + Capitalize(part["enterprise:".Length..]) : Capitalize(part)));

    private static string Capitalize(string part) =>
        string.Join('-', part.Split('-').Select(word => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]));

    private async Task<LocalPortServer> StartPortAsync() =>
        await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "port.db") }, Ct);

    private static Dictionary<string, string?> PortEnvironment(LocalPortServer port) => new()
    {
        ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
        ["PORT_CLIENT_ID"] = port.ClientId,
        ["PORT_CLIENT_SECRET"] = port.ClientSecret,
    };

    private static Dictionary<string, string?> GitHubEnvironment(LocalPortServer port, SimulatedGitHub github, string organizations, string enterprise)
    {
        var environment = PortEnvironment(port);
        environment["INGEST_M365"] = "false";
        environment["GITHUB_API_URL"] = github.BaseAddress.ToString();
        environment["GITHUB_TOKEN"] = github.Token;
        environment["GITHUB_ORGS"] = organizations;
        environment["GITHUB_ENTERPRISE"] = enterprise;
        environment["GITHUB_USER_METRICS"] = "true";
        environment["GITHUB_TEAM_METRICS"] = "true";
        environment["GITHUB_SEAT_DETAILS"] = "true";
        environment["GITHUB_USAGE_LOOKBACK_DAYS"] = "7";
        return environment;
    }

    private static Dictionary<string, string?> M365Environment(LocalPortServer port, SimulatedGraph graph)
    {
        var environment = PortEnvironment(port);
        environment["INGEST_GITHUB"] = "false";
        environment["M365_TREND_PERIOD"] = "D30";
        foreach (var (name, value) in graph.Settings)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Applies the blueprints (the first time), runs once and returns the JSON summary; the run must succeed.</summary>
    private async Task<JsonNode> RunAsync(Dictionary<string, string?> environment)
    {
        var setup = await CliHarness.RunAsync(environment, _directory, "setup");
        Assert.True(setup.ExitCode == 0, setup.Error + setup.Output);
        var run = await CliHarness.RunAsync(environment, _directory, "run", "--summary-json", "-");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        return JsonNode.Parse(run.Output)!;
    }

    private static JsonObject DataSet(JsonNode summary, string name) =>
        summary["data_sets"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == name)!.AsObject();

    private static ServiceProvider PortServices(LocalPortServer port)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(PortEnvironment(port)).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortApi(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<Dictionary<string, List<string>>> IdentifiersAsync(LocalPortServer port, IEnumerable<string> blueprints)
    {
        using var services = PortServices(port);
        var store = services.GetRequiredService<IEntityStore>();
        var identifiers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var blueprint in blueprints)
        {
            identifiers[blueprint] = [.. (await store.ListIdentifiersAsync(blueprint, null, Ct).ToListAsync(Ct)).Order(StringComparer.Ordinal)];
        }

        return identifiers;
    }

    /// <summary>Rewrites each entity under the identifier <paramref name="rename"/> gives it and deletes the original.</summary>
    private static async Task MoveAsync(LocalPortServer port, ServiceProvider services, string blueprint, IReadOnlyList<string> identifiers, Func<string, string> rename)
    {
        foreach (var identifier in identifiers)
        {
            await CopyAsync(port, services, blueprint, identifier, rename(identifier));
        }

        await services.GetRequiredService<IEntityStore>().DeleteAsync(blueprint, [.. identifiers], Ct);
    }

    private static async Task CopyAsync(LocalPortServer port, ServiceProvider services, string blueprint, string identifier, string copy)
    {
        var entity = (await port.GetEntityAsync(blueprint, identifier, Ct))!;
        var properties = entity["properties"]!.DeepClone().AsObject();
        foreach (var (name, value) in properties.ToList())
        {
            if (value is null)
            {
                properties.Remove(name);
            }
        }

        var report = await services.GetRequiredService<IEntitySink>().UpsertAsync(
            blueprint,
            new[] { new PortEntity(blueprint, copy, entity["title"]!.GetValue<string>(), properties) }.ToAsyncEnumerable(),
            Ct);
        Assert.Empty(report.Failures);
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort;
using CopilotIngest.Simulation.GitHub;

namespace CopilotIngest.Cli.Tests;

/// <summary>
/// Relations into the blueprints of Port's GitHub integration (<c>githubUser</c>, <c>githubTeam</c>), over real HTTP
/// against the local Port: left out while the targets are missing, applied by setup once they exist, filled by search.
/// Both ways Port may treat a relation to a missing blueprint are run (refused, or accepted).
/// </summary>
public sealed class CatalogRelationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("catalog-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SetupAndRun_GitHubIntegrationInstalledLater_RelationsAppearAndMissingTargetsNeverFailTheWrite(bool targetsMustExist)
    {
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "port.db"), RelationTargetsMustExist = targetsMustExist }, Ct);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 200, Seed = 11 }, Ct);
        var organization = github.Population.Organizations[0];
        var environment = Environment(port, github, organization.Login);

        // Without Port's GitHub integration: setup leaves the relations out and says so; the run writes no relation.
        var setup = await CliHarness.RunAsync(environment, _directory, "setup");
        Assert.True(setup.ExitCode == 0, setup.Error + setup.Output);
        Assert.Contains("github_user → githubUser left out", setup.Output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Null((await BlueprintAsync(port, "github_copilot_user"))["relations"]?["github_user"]);
        // Team usage is a time series written once per day: it starts with the second run, so its days are written
        // after the relation exists (days written before keep no relation).
        var first = await CliHarness.RunAsync(new Dictionary<string, string?>(environment) { ["GITHUB_TEAM_METRICS"] = "false" }, _directory, "run", "--summary-json", "-");
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.All(await EntitiesAsync(port, "github_copilot_user"), u => Assert.Null(u["relations"]?["github_user"]));

        // Port's GitHub integration arrives: users keyed by id with a login property, teams keyed by slug.
        var logins = github.Population.OrganizationSeats(organization).Select(s => s.User.Login).Distinct().Order(StringComparer.Ordinal).ToList();
        var known = logins.Where((_, i) => i % 2 == 0).ToList();
        var team = organization.Teams[0].Slug;
        await CreateAsync(port, "v1/blueprints", """{"identifier":"githubUser","title":"GitHub user","schema":{"properties":{"login":{"type":"string"}}}}""");
        await CreateAsync(port, "v1/blueprints", """{"identifier":"githubTeam","title":"GitHub team","schema":{"properties":{"name":{"type":"string"}}}}""");
        foreach (var login in known)
        {
            await CreateAsync(port, "v1/blueprints/githubUser/entities?upsert=true", new JsonObject { ["identifier"] = "gh-" + login, ["properties"] = new JsonObject { ["login"] = login } }.ToJsonString());
        }

        await CreateAsync(port, "v1/blueprints/githubTeam/entities?upsert=true", new JsonObject { ["identifier"] = team, ["title"] = team }.ToJsonString());

        var again = await CliHarness.RunAsync(environment, _directory, "setup");
        Assert.True(again.ExitCode == 0, again.Error + again.Output);
        Assert.Equal("githubUser", (string?)(await BlueprintAsync(port, "github_copilot_user"))["relations"]!["github_user"]!["target"]);
        Assert.Equal("githubTeam", (string?)(await BlueprintAsync(port, "github_copilot_team_usage"))["relations"]!["github_team"]!["target"]);
        var second = await CliHarness.RunAsync(environment, _directory, "run", "--summary-json", "-");
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Equal(0, JsonNode.Parse(second.Output)!["data_sets"]!.AsArray().Sum(d => d!["failed"]!.GetValue<int>()));

        foreach (var blueprint in new[] { "github_copilot_user", "github_copilot_seat" })
        {
            var entities = await EntitiesAsync(port, blueprint);
            Assert.Equal(logins.Count, entities.Count(e => logins.Contains((string)e["properties"]!["login"]!)));
            Assert.All(entities, e =>
            {
                var login = (string)e["properties"]!["login"]!;
                Assert.Equal(known.Contains(login) ? "gh-" + login : null, (string?)e["relations"]?["github_user"]);
            });
        }

        var teamDays = (await EntitiesAsync(port, "github_copilot_team_usage")).Where(e => e["relations"]?["github_team"] is JsonArray { Count: > 0 }).ToList();
        Assert.NotEmpty(teamDays);
        Assert.All(teamDays, t => Assert.Equal([team], t["relations"]!["github_team"]!.AsArray().Select(v => (string)v!)));
        Assert.All(await EntitiesAsync(port, "github_copilot_team_usage"), t =>
            Assert.True(t["relations"]?["github_team"] is null or JsonArray, t.ToJsonString()));
    }

    [Fact]
    public async Task Run_Pseudonymize_NoRelationCarriesTheLogin()
    {
        await using var port = await LocalPortServer.StartAsync(new LocalPortServerOptions { DatabasePath = Path.Combine(_directory, "pseudo.db") }, Ct);
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 80, Seed = 5 }, Ct);
        var organization = github.Population.Organizations[0];
        var environment = Environment(port, github, organization.Login);
        environment["PRIVACY_MODE"] = "pseudonymize";
        environment["PRIVACY_KEY"] = "a-privacy-key-of-some-length";
        var logins = github.Population.OrganizationSeats(organization).Select(s => s.User.Login).Distinct().ToList();
        await CreateAsync(port, "v1/blueprints", """{"identifier":"githubUser","title":"GitHub user","schema":{"properties":{}}}""");
        foreach (var login in logins)
        {
            await CreateAsync(port, "v1/blueprints/githubUser/entities?upsert=true", new JsonObject { ["identifier"] = login }.ToJsonString());
        }

        var setup = await CliHarness.RunAsync(environment, _directory, "setup");
        Assert.True(setup.ExitCode == 0, setup.Error + setup.Output);
        var run = await CliHarness.RunAsync(environment, _directory, "run", "--summary-json", "-");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        var people = (await EntitiesAsync(port, "github_copilot_user")).Concat(await EntitiesAsync(port, "github_copilot_seat")).ToList();
        Assert.NotEmpty(people);
        Assert.All(people, p => Assert.Null(p["relations"]?["github_user"]));
        var stored = string.Join('\n', people.Select(p => p.ToJsonString()));
        Assert.All(logins, login => Assert.DoesNotContain($"\"{login}\"", stored, StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<string, string?> Environment(LocalPortServer port, SimulatedGitHub github, string organization) => new()
    {
        ["PORT_BASE_URL"] = port.BaseAddress.ToString(),
        ["PORT_CLIENT_ID"] = port.ClientId,
        ["PORT_CLIENT_SECRET"] = port.ClientSecret,
        ["INGEST_M365"] = "false",
        ["GITHUB_API_URL"] = github.BaseAddress.ToString(),
        ["GITHUB_TOKEN"] = github.Token,
        ["GITHUB_ORGS"] = organization,
        ["GITHUB_USER_METRICS"] = "true",
        ["GITHUB_SEAT_DETAILS"] = "true",
        ["GITHUB_TEAM_METRICS"] = "true",
        ["GITHUB_USAGE_LOOKBACK_DAYS"] = "3",
    };

    private static async Task<HttpClient> ClientAsync(LocalPortServer port)
    {
        var http = new HttpClient { BaseAddress = port.BaseAddress };
        var token = await http.PostAsync("v1/auth/access_token", Json(new JsonObject { ["clientId"] = port.ClientId, ["clientSecret"] = port.ClientSecret }.ToJsonString()), Ct);
        var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync(Ct))!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    private static async Task CreateAsync(LocalPortServer port, string path, string body)
    {
        using var http = await ClientAsync(port);
        using var response = await http.PostAsync(path, Json(body), Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private static async Task<JsonObject> BlueprintAsync(LocalPortServer port, string blueprint)
    {
        using var http = await ClientAsync(port);
        return JsonNode.Parse(await http.GetStringAsync($"v1/blueprints/{blueprint}", Ct))!["blueprint"]!.AsObject();
    }

    private static async Task<List<JsonObject>> EntitiesAsync(LocalPortServer port, string blueprint)
    {
        using var http = await ClientAsync(port);
        return JsonNode.Parse(await http.GetStringAsync($"v1/blueprints/{blueprint}/entities", Ct))!["entities"]!.AsArray().Select(e => e!.AsObject()).ToList();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Usage;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CopilotIngest.GitHub.Tests.Usage;

/// <summary>
/// <c>configs/mappings/github_copilot_mapping_override.yaml</c>, run with the real jq over the records Port's Ocean
/// integration would hand it, gives the same entities as the worker's own mapper makes of the same records (apart from
/// the fields GitHub added in 2026, which only the worker maps).
/// </summary>
public sealed class OceanMappingOverrideTests
{
    private static readonly JsonNode s_config = MiniYaml.Parse(File.ReadAllText(ReferenceFiles.Repo("configs/mappings/github_copilot_mapping_override.yaml")));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Kinds => new() { "organization-usage-metrics", "enterprise-usage-metrics" };

    [Fact]
    public void Config_HasTheTwoUsageKindsOfTheCurrentIntegrationAndNeverDeletes()
    {
        Assert.Equal("0", (string?)s_config["entityDeletionThreshold"]);
        var kinds = s_config["resources"]!.AsArray().Select(r => (string?)r!["kind"]).ToList();
        Assert.Equal(["organization-usage-metrics", "enterprise-usage-metrics"], kinds);

        var spec = MiniYaml.Parse(ReferenceFiles.ReadText("port/ocean-github-copilot-spec.yaml"));
        var offered = spec["features"]![0]!["resources"]!.AsArray().Select(r => (string?)r!["kind"]).ToList();
        Assert.All(kinds, k => Assert.Contains(k, offered));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Config_MapsEveryBlueprintPropertyTheMapperWrites(string kind)
    {
        var mappings = Mappings(kind);
        Assert.Equal("\"github_copilot_usage\"", (string?)mappings["blueprint"]);
        var mapped = mappings["properties"]!.AsObject().Select(p => p.Key).ToHashSet();
        foreach (var (name, _) in UsageEntityMapper.RecordProperties)
        {
            Assert.Contains(name, mapped);
        }

        var blueprint = BlueprintFile.Load(UsageEntityMapper.Blueprint);
        Assert.All(mapped, name => Assert.True(blueprint.Properties.ContainsKey(name), name));
        Assert.Equal(kind == "organization-usage-metrics", mapped.Contains("git_hub_org"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Jq_OverTheOfficialExamples_GivesTheMappersEntities(string kind)
    {
        var records = new List<JsonObject>();
        foreach (var line in File.ReadAllLines(ReferenceFiles.Path("github/enterprise-28-day.example.ndjson")).Where(l => l.Length > 0))
        {
            records.AddRange(JsonNode.Parse(line)!["day_totals"]!.AsArray().Select(d => d!.DeepClone().AsObject()));
        }

        await AssertSameEntitiesAsync(kind, records);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Jq_OverEdgeCaseRecords_GivesTheMappersEntities(string kind)
    {
        string[] records =
        [
            """{"day":"2026-05-07"}""",
            """{"day":"2026-05-07","totals_by_ide":[],"totals_by_feature":[],"totals_by_language_feature":[],"pull_requests":{}}""",
            """
            {"day":"2026-05-08","daily_active_users":9,"brand_new":{"x":1},
                "totals_by_ide":[{"ide":"vscode","code_generation_activity_count":5},{"ide":"intellij","code_generation_activity_count":5},null,{"code_generation_activity_count":50},{"ide":"xcode"}],
                "totals_by_language_feature":[{"language":"python","feature":"code_completion","code_generation_activity_count":3},{"language":"go","code_generation_activity_count":4},{"language":"python","feature":"chat_panel_ask_mode","code_generation_activity_count":2},{"feature":"x","code_generation_activity_count":40}],
                "totals_by_feature":[{"feature":"chat_panel_agent_mode","user_initiated_interaction_count":5,"code_generation_activity_count":2},{"feature":"agent_edit","user_initiated_interaction_count":2},{"feature":"chat_inline","user_initiated_interaction_count":1,"code_acceptance_activity_count":1},null,{"user_initiated_interaction_count":100}],
                "totals_by_cli":{"session_count":1},
                "pull_requests":{"total_created":3,"median_minutes_to_merge":12.75}}
            """,
            """{"day":"2026-05-09","totals_by_ide":[{"ide":"vscode","code_generation_activity_count":0}],"totals_by_language_feature":[{"language":"unknown","code_generation_activity_count":0}]}""",
        ];

        await AssertSameEntitiesAsync(kind, [.. records.Select(r => JsonNode.Parse(r)!.AsObject())]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Jq_OverTheSimulated28DayReport_GivesTheMappersEntities(string kind)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        await using var github = await SimulatedGitHub.StartAsync(new SimulatedGitHubOptions { Seats = 80, TimeProvider = time }, Token);
        var path = kind == "organization-usage-metrics" ? "orgs/octo-web/copilot/metrics/reports/organization-28-day/latest" : "enterprises/octo-ent/copilot/metrics/reports/enterprise-28-day/latest";
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(github.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", github.Token);
        request.Headers.UserAgent.ParseAdd("tests");
        using var links = await http.SendAsync(request, Token);
        var link = (string)JsonNode.Parse(await links.Content.ReadAsStringAsync(Token))!["download_links"]![0]!;
        var file = await http.GetStringAsync(new Uri(link), Token);

        var days = JsonNode.Parse(file.Split('\n')[0])!["day_totals"]!.AsArray().Select(d => d!.DeepClone().AsObject()).ToList();

        Assert.Equal(28, days.Count);
        await AssertSameEntitiesAsync(kind, days);
    }

    private static async Task AssertSameEntitiesAsync(string kind, List<JsonObject> records)
    {
        var organization = kind == "organization-usage-metrics";
        var scope = organization ? SeatScope.Organization("acme-web") : SeatScope.Enterprise("acme");
        var items = records.Select(r =>
        {
            var item = r.DeepClone().AsObject();
            if (organization)
            {
                item["__organization"] = new JsonObject { ["login"] = "acme-web", ["id"] = 99 };
            }
            else
            {
                item["__enterprise"] = new JsonObject { ["slug"] = "acme" };
            }

            return item.ToJsonString();
        });

        var output = await Jq.RunAsync(Program(Mappings(kind)), string.Join('\n', items));
        var entities = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

        Assert.Equal(records.Count, entities.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var record = Assert.Single(await ReportFixtures.LinesAsync(records[i].ToJsonString(), GitHubJsonContext.Default.UsageDayTotals)).Value!;
            var expected = UsageEntityMapper.Map(scope, record);
            var actual = entities[i];
            Assert.Equal(expected.Identifier, (string?)actual["identifier"]);
            Assert.Equal(expected.Title, (string?)actual["title"]);
            Assert.Equal(expected.Blueprint, (string?)actual["blueprint"]);
            var jqProperties = actual["properties"]!.AsObject().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToJsonString());
            // The 2026 fields are written by the worker only; the override maps what Port's integration documents.
            var mapperProperties = expected.Properties.Where(p => !ExtraProperties.Scope.Any(e => e.Name == p.Key)).ToDictionary(p => p.Key, p => p.Value!.ToJsonString());
            Assert.Equal(mapperProperties.OrderBy(p => p.Key, StringComparer.Ordinal), jqProperties.OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    private static JsonObject Mappings(string kind) =>
        s_config["resources"]!.AsArray().Single(r => (string?)r!["kind"] == kind)!["port"]!["entity"]!["mappings"]!.AsObject();

    /// <summary>One jq program that builds the whole entity, as Ocean evaluates each mapping expression on the item.</summary>
    private static string Program(JsonObject mappings)
    {
        var builder = new StringBuilder("{");
        foreach (var field in new[] { "identifier", "title", "blueprint" })
        {
            builder.Append('"').Append(field).Append("\": (").Append((string)mappings[field]!).Append("), ");
        }

        builder.Append("\"properties\": {");
        builder.Append(string.Join(", ", mappings["properties"]!.AsObject().Select(p => $"\"{p.Key}\": ({(string)p.Value!})")));
        builder.Append("}}");
        return builder.ToString();
    }
}

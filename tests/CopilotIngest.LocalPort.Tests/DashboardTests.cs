using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CopilotIngest.LocalPort.Scorecards;
using CopilotIngest.LocalPort.Tests.Support;
using CopilotIngest.Testing;

namespace CopilotIngest.LocalPort.Tests;

/// <summary>
/// The local Port's dashboard pages: widgets computed from stored entities as Port computes them, calculation properties
/// evaluated with the jq binary, and scorecard levels. The clock is <see cref="TestPort.Start"/> (2026-11-25 10:00 UTC).
/// </summary>
public sealed partial class DashboardTests
{
    private static readonly string s_acceptanceRate =
        JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo("configs/blueprints/github_copilot_usage.json")))!["calculationProperties"]!["acceptance_rate"]!["calculation"]!.GetValue<string>();

    private static async Task<TestPort> SeedAsync()
    {
        var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(new JsonObject
        {
            ["identifier"] = "t_usage",
            ["title"] = "Usage",
            ["schema"] = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["day"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                    ["users"] = new JsonObject { ["type"] = "number" },
                    ["editor"] = new JsonObject { ["type"] = "string" },
                    ["code_generation_activity_count"] = new JsonObject { ["type"] = "number" },
                    ["code_acceptance_activity_count"] = new JsonObject { ["type"] = "number" },
                },
            },
            ["calculationProperties"] = new JsonObject
            {
                ["acceptance_rate"] = new JsonObject { ["title"] = "Acceptance rate", ["type"] = "number", ["calculation"] = s_acceptanceRate },
            },
        }.ToJsonString());
        foreach (var (id, day, users, editor, generated, accepted) in new (string, string, int, string, int?, int?)[]
        {
            ("a", "2026-11-20", 10, "vscode", 40, 10),
            ("b", "2026-11-21", 20, "vscode", 0, 0),
            ("c", "2026-11-23", 30, "jetbrains", 10, 5),
            ("d", "2026-08-01", 99, "vscode", null, null),
        })
        {
            var properties = new JsonObject { ["day"] = day + "T00:00:00Z", ["users"] = users, ["editor"] = editor };
            if (generated is not null)
            {
                properties["code_generation_activity_count"] = generated;
                properties["code_acceptance_activity_count"] = accepted;
            }

            using var response = await port.PostAsync("/v1/blueprints/t_usage/entities", new JsonObject { ["identifier"] = id, ["properties"] = properties }.ToJsonString());
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestPort.Ct));
        }

        return port;
    }

    private static JsonObject Rule(string property, string op, JsonNode value) => new() { ["property"] = property, ["operator"] = op, ["value"] = value };

    private static JsonObject Dataset(params JsonObject[] rules) => new() { ["combinator"] = "and", ["rules"] = new JsonArray([.. rules]) };

    private static JsonObject Preset(string preset) => new() { ["preset"] = preset };

    private static string Page() => new JsonObject
    {
        ["identifier"] = "usage_dash",
        ["title"] = "Usage <dash>",
        ["type"] = "dashboard",
        ["widgets"] = new JsonArray(new JsonObject
        {
            ["id"] = "root",
            ["type"] = "dashboard-widget",
            ["layout"] = new JsonArray(new JsonObject { ["height"] = 400, ["columns"] = new JsonArray(new JsonObject { ["id"] = "usersLastWeek", ["size"] = 12 }) }),
            ["widgets"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "usersLastWeek", ["type"] = "entities-number-chart", ["blueprint"] = "t_usage", ["chartType"] = "aggregateByProperty",
                    ["calculationBy"] = "property", ["property"] = "users", ["func"] = "sum", ["unit"] = "none",
                    ["dataset"] = Dataset(Rule("day", "between", Preset("lastWeek"))),
                },
                new JsonObject
                {
                    ["id"] = "rate", ["type"] = "entities-number-chart", ["blueprint"] = "t_usage", ["chartType"] = "aggregateByProperty",
                    ["calculationBy"] = "property", ["property"] = "acceptance_rate", ["func"] = "average", ["averageOf"] = "total", ["unit"] = "%",
                    ["dataset"] = Dataset(Rule("day", "between", Preset("lastWeek"))),
                },
                new JsonObject
                {
                    ["id"] = "usersPerDay", ["type"] = "line-chart", ["blueprint"] = "t_usage", ["chartType"] = "aggregatePropertiesValues",
                    ["func"] = "sum", ["properties"] = new JsonArray("properties.users"), ["measureTimeBy"] = "day", ["timeInterval"] = "day",
                    ["timeRange"] = Preset("last2Weeks"), ["dataset"] = Dataset(),
                },
                new JsonObject
                {
                    ["id"] = "editors", ["type"] = "entities-pie-chart", ["blueprint"] = "t_usage", ["property"] = "property#editor",
                    ["dataset"] = Dataset(Rule("$blueprint", "=", "t_usage")),
                },
                new JsonObject
                {
                    ["id"] = "busiest", ["type"] = "table-entities-explorer", ["blueprint"] = "t_usage", ["dataset"] = Dataset(Rule("$blueprint", "=", "t_usage")),
                    ["blueprintConfig"] = new JsonObject
                    {
                        ["t_usage"] = new JsonObject
                        {
                            ["sortSettings"] = new JsonObject { ["sortBy"] = new JsonArray(new JsonObject { ["property"] = "users", ["order"] = "desc" }) },
                            ["propertiesSettings"] = new JsonObject { ["shown"] = new JsonArray("$identifier", "users", "acceptance_rate") },
                        },
                    },
                },
                new JsonObject
                {
                    ["id"] = "nothingToday", ["type"] = "entities-number-chart", ["blueprint"] = "t_usage", ["chartType"] = "aggregateByProperty",
                    ["calculationBy"] = "property", ["property"] = "users", ["func"] = "sum", ["unit"] = "none",
                    ["emptyStateText"] = "No usage today: run the ingestion", ["dataset"] = Dataset(Rule("day", "between", Preset("today"))),
                }),
        }),
    }.ToJsonString();

    private static async Task<(HttpStatusCode Status, string Html)> GetDashboardAsync(TestPort port, string page)
    {
        using var response = await port.SendAsync(HttpMethod.Get, $"/dashboards/{page}", authorized: false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestPort.Ct));
    }

    private static JsonObject Model(string html) =>
        JsonNode.Parse(DataScript().Match(html).Groups[1].Value)!.AsObject();

    [Fact]
    public async Task DashboardPage_WithoutToken_EveryWidgetComputedAsPortDoes()
    {
        await using var port = await SeedAsync();
        var (created, body) = await port.CallAsync(HttpMethod.Post, "/v1/pages", Page());
        Assert.True(created == 201, body.ToJsonString());

        var (status, html) = await GetDashboardAsync(port, "usage_dash");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<title>Usage &lt;dash&gt;</title>", html, StringComparison.Ordinal);
        var widgets = Model(html)["widgets"]!;
        Assert.Equal(60, (double)widgets["usersLastWeek"]!["value"]!);

        // acceptance_rate by jq per entity: 25, 0 (nothing generated) and 50; "d" (no counts: 0) is outside last week.
        Assert.Equal(25, (double)widgets["rate"]!["value"]!);
        Assert.Equal("25%", (string?)widgets["rate"]!["formatted"]);

        // Day buckets from the first with data to today; a day without entities is a gap, not 0.
        Assert.Equal(["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"], widgets["usersPerDay"]!["labels"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("[10,20,null,30,null,null]", widgets["usersPerDay"]!["series"]![0]!["data"]!.ToJsonString());

        Assert.Equal("[\"vscode\",\"jetbrains\"]", widgets["editors"]!["labels"]!.ToJsonString());
        Assert.Equal("[3,1]", widgets["editors"]!["values"]!.ToJsonString());

        Assert.Equal("[\"$identifier\",\"users\",\"acceptance_rate\"]", widgets["busiest"]!["columns"]!.ToJsonString());
        Assert.Equal("[[\"d\",99,0],[\"c\",30,50],[\"b\",20,0],[\"a\",10,25]]", widgets["busiest"]!["rows"]!.ToJsonString());

        Assert.Null(widgets["nothingToday"]!["value"]);
        Assert.StartsWith("No usage today: run the ingestion. (None of the 4 t_usage entities matches", (string?)widgets["nothingToday"]!["empty"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardPage_Unknown_Returns404AndTheListNamesThePagesHeld()
    {
        await using var port = await SeedAsync();
        await port.CallAsync(HttpMethod.Post, "/v1/pages", Page());

        var (missing, _) = await GetDashboardAsync(port, "nope");
        using var list = await port.SendAsync(HttpMethod.Get, "/dashboards", authorized: false);
        var listHtml = await list.Content.ReadAsStringAsync(TestPort.Ct);

        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("href=\"/dashboards/usage_dash\"", listHtml, StringComparison.Ordinal);
        Assert.Equal(new Uri(port.Server.BaseAddress, "dashboards/usage_dash"), port.Server.DashboardAddress("usage_dash"));
    }

    [Fact]
    public async Task DashboardPage_Html_InlinesChartLibraryAndLoadsNothing()
    {
        await using var port = await SeedAsync();
        await port.CallAsync(HttpMethod.Post, "/v1/pages", Page());

        var html = await port.Server.RenderDashboardAsync("usage_dash", TestPort.Ct);

        Assert.NotNull(html);
        Assert.Contains("Chart.js v4.6.1", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"?(https?:)?//", html);
        Assert.DoesNotContain("sourceMappingURL", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "Idle")]
    [InlineData(1, "Tried it")]
    [InlineData(7, "Tried it")]
    [InlineData(8, "Regular")]
    [InlineData(15, "Daily")]
    [InlineData(28, "Daily")]
    public void ScorecardEvaluator_ShippedActivityScorecard_LevelByActiveDays(int activeDays, string expected)
    {
        var scorecard = JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo("configs/scorecards/github_copilot_user.copilot_activity.json")))!.AsObject();
        var entity = new JsonObject { ["identifier"] = "u", ["properties"] = new JsonObject { ["active_days"] = activeDays } };

        Assert.Equal(expected, new ScorecardEvaluator(scorecard, TestPort.Start).LevelOf(entity));
    }

    [Theory]
    [InlineData(90, 0, "Excellent")]
    [InlineData(90, 3, "Good")]
    [InlineData(40, 0, "Wasteful")]
    [InlineData(55, 0, "Fair")]
    public void ScorecardEvaluator_ShippedUtilisationScorecard_ALevelNeedsEveryRuleOfItAndBelow(double utilisation, int neverUsed, string expected)
    {
        var scorecard = JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo("configs/scorecards/github_copilot_seats.seat_utilisation.json")))!.AsObject();
        var entity = new JsonObject { ["identifier"] = "s", ["properties"] = new JsonObject { ["utilisation_pct"] = utilisation, ["never_used_seats"] = neverUsed } };

        Assert.Equal(expected, new ScorecardEvaluator(scorecard, TestPort.Start).LevelOf(entity));
    }

    [GeneratedRegex("<script id=\"dashboard-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex DataScript();
}

using System.Text.Json.Nodes;
using CopilotIngest.Port.Setup;
using CopilotIngest.Testing;

namespace CopilotIngest.Port.Tests;

/// <summary>configs/dashboards and configs/scorecards name only blueprints and properties that configs/blueprints defines.</summary>
public sealed class DashboardFilesTests
{
    private static readonly string[] s_meta = ["$identifier", "$title", "$blueprint", "$icon", "$team", "$createdAt", "$updatedAt", "$createdBy", "$updatedBy"];

    private static Dictionary<string, HashSet<string>> Blueprints()
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(ReferenceFiles.Repo("configs/blueprints"), "*.json"))
        {
            var blueprint = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var names = new HashSet<string>(s_meta, StringComparer.Ordinal);
            names.UnionWith(blueprint["schema"]!["properties"]!.AsObject().Select(p => p.Key));
            names.UnionWith((blueprint["calculationProperties"] as JsonObject ?? []).Select(p => p.Key));
            names.UnionWith((blueprint["relations"] as JsonObject ?? []).Select(p => p.Key));
            result[(string)blueprint["identifier"]!] = names;
        }

        return result;
    }

    private static IEnumerable<JsonObject> Widgets(JsonObject page) =>
        page["widgets"]!.AsArray().OfType<JsonObject>().SelectMany(w => w["type"]!.GetValue<string>() == "dashboard-widget" ? w["widgets"]!.AsArray().OfType<JsonObject>() : [w]);

    /// <summary>Every property a widget names, with where it names it.</summary>
    private static IEnumerable<(string Where, string Property)> NamedProperties(JsonObject widget)
    {
        static string Strip(string reference) =>
            reference.Contains('#', StringComparison.Ordinal) ? reference[(reference.IndexOf('#', StringComparison.Ordinal) + 1)..]
            : reference.StartsWith("properties.", StringComparison.Ordinal) ? reference["properties.".Length..] : reference;

        foreach (var key in new[] { "property", "measureTimeBy", "breakdownProperty" })
        {
            if (widget[key] is JsonValue value)
            {
                yield return (key, Strip(value.GetValue<string>()));
            }
        }

        foreach (var property in widget["properties"] as JsonArray ?? [])
        {
            yield return ("properties", Strip(property!.GetValue<string>()));
        }

        foreach (var rule in Rules(widget["dataset"]))
        {
            yield return ("dataset", rule);
        }

        foreach (var (_, config) in widget["blueprintConfig"] as JsonObject ?? [])
        {
            foreach (var rule in Rules(config!["filterSettings"]?["filterBy"]))
            {
                yield return ("filterSettings", rule);
            }

            foreach (var sort in config["sortSettings"]?["sortBy"] as JsonArray ?? [])
            {
                yield return ("sortBy", sort!["property"]!.GetValue<string>());
            }

            foreach (var list in new[] { "shown", "order", "hidden" })
            {
                foreach (var property in config["propertiesSettings"]?[list] as JsonArray ?? [])
                {
                    yield return (list, property!.GetValue<string>());
                }
            }
        }
    }

    private static IEnumerable<string> Rules(JsonNode? query) => query switch
    {
        JsonArray rules => rules.SelectMany(Rules),
        JsonObject group when group["rules"] is JsonArray rules => rules.SelectMany(Rules),
        JsonObject group when group["conditions"] is JsonArray conditions => conditions.SelectMany(Rules),
        JsonObject rule when rule["property"] is JsonValue property => [property.GetValue<string>()],
        _ => [],
    };

    public static TheoryData<string> DashboardFiles() => [.. Directory.EnumerateFiles(ReferenceFiles.Repo("configs/dashboards"), "*.json").Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void DashboardFile_EveryWidget_NamesExistingBlueprintsAndProperties(string file)
    {
        var blueprints = Blueprints();
        var page = JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo($"configs/dashboards/{file}")))!.AsObject();
        var problems = new List<string>();
        foreach (var widget in Widgets(page))
        {
            var id = (string)widget["id"]!;
            var blueprint = (string?)widget["blueprint"];
            if (blueprint is null || !blueprints.TryGetValue(blueprint, out var properties))
            {
                problems.Add($"{id}: blueprint '{blueprint}' is not in configs/blueprints");
                continue;
            }

            foreach (var config in (widget["blueprintConfig"] as JsonObject ?? []).Where(c => c.Key != blueprint))
            {
                problems.Add($"{id}: blueprintConfig names '{config.Key}', not the widget's blueprint");
            }

            problems.AddRange(NamedProperties(widget).Where(p => !properties.Contains(p.Property)).Select(p => $"{id}: {p.Where} names '{p.Property}', not a property of {blueprint}"));
        }

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void DashboardFile_Layout_PlacesEveryWidgetOnceInRowsOf12(string file)
    {
        var page = JsonNode.Parse(File.ReadAllText(ReferenceFiles.Repo($"configs/dashboards/{file}")))!.AsObject();
        var container = page["widgets"]!.AsArray().Single()!.AsObject();
        var layout = container["layout"]!.AsArray().Select(r => r!["columns"]!.AsArray()).ToList();

        Assert.Equal("dashboard-widget", (string?)container["type"]);
        Assert.All(layout, columns => Assert.Equal(12, columns.Sum(c => (int)c!["size"]!)));
        Assert.Equal(
            Widgets(page).Select(w => (string)w["id"]!).Order(StringComparer.Ordinal),
            layout.SelectMany(columns => columns.Select(c => (string)c!["id"]!)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ScorecardFiles_EveryRule_NamesPropertiesOfItsBlueprint()
    {
        var blueprints = Blueprints();
        var problems = new List<string>();
        var files = Directory.EnumerateFiles(ReferenceFiles.Repo("configs/scorecards"), "*.json").ToList();
        foreach (var file in files)
        {
            var scorecard = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var blueprint = (string)scorecard["blueprint"]!;
            if (!blueprints.TryGetValue(blueprint, out var properties))
            {
                problems.Add($"{file}: blueprint '{blueprint}' is not in configs/blueprints");
                continue;
            }

            var levels = scorecard["levels"]!.AsArray().Select(l => (string)l!["title"]!).ToList();
            foreach (var rule in scorecard["rules"]!.AsArray())
            {
                if (!levels.Skip(1).Contains((string)rule!["level"]!))
                {
                    problems.Add($"{file}: rule {rule["identifier"]} has level '{rule["level"]}', not one of the levels above the first");
                }

                problems.AddRange(Rules(rule["query"]).Where(p => !properties.Contains(p)).Select(p => $"{file}: rule {rule["identifier"]} names '{p}', not a property of {blueprint}"));
            }
        }

        Assert.Equal(3, files.Count);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(true, "enterprise")]
    [InlineData(false, "org")]
    public void DashboardScopeFit_ShippedPage_EveryGitHubFilterFollowsTheSettings(bool enterprise, string expected)
    {
        var file = ReferenceFiles.Repo("configs/dashboards/copilot_usage.json");
        var (_, page) = PageSetup.Read(file, DashboardScope.ScopeTypeFor(enterprise));
        var githubWidgets = Widgets(page).Where(w => ((string)w["blueprint"]!).StartsWith("github_", StringComparison.Ordinal)).ToList();

        var scopeRules = githubWidgets.Select(w => Rules(w["dataset"]).Count(p => p == DashboardScope.Property)).ToList();
        var values = Widgets(page).SelectMany(w => ScopeValues(w["dataset"])).ToList();

        Assert.All(scopeRules, count => Assert.Equal(1, count));
        Assert.Equal(githubWidgets.Count, values.Count);
        Assert.All(values, value => Assert.Equal(expected, value));
    }

    private static IEnumerable<string> ScopeValues(JsonNode? query) => query switch
    {
        JsonObject group when group["rules"] is JsonArray rules => rules.SelectMany(ScopeValues),
        JsonObject rule when (string?)rule["property"] == DashboardScope.Property => [(string)rule["value"]!],
        _ => [],
    };
}

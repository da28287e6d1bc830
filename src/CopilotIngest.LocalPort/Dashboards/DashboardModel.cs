using System.Globalization;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Scorecards;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Dashboards;

/// <summary>
/// A dashboard page with the data of every widget, ready to draw: the page's rows of 12 columns (its
/// <c>dashboard-widget</c> layout), one computed model per widget, and the level counts of every scorecard held.
/// </summary>
internal static class DashboardModel
{
    public static async Task<JsonObject> BuildAsync(JsonObject page, DashboardSource source, CancellationToken cancellationToken)
    {
        var widgets = new JsonObject();
        var rows = new JsonArray();
        var models = new WidgetModels(source);
        foreach (var container in (page["widgets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var children = container["type"]?.GetValue<string>() == "dashboard-widget" ? container["widgets"] as JsonArray ?? [] : [container];
            foreach (var widget in children.OfType<JsonObject>())
            {
                var model = await models.BuildAsync(widget, cancellationToken);
                var id = model["id"]?.GetValue<string>() ?? $"widget{widgets.Count + 1}";
                model["id"] = id;
                widgets[id] = model;
            }

            if (container["layout"] is JsonArray layout)
            {
                foreach (var row in layout)
                {
                    rows.Add(row?.DeepClone());
                }
            }
        }

        // Widgets the layout leaves out still show, one per row.
        var placed = rows.SelectMany(r => (r?["columns"] as JsonArray ?? []).Select(c => c?["id"]?.GetValue<string>())).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, _) in widgets.Where(w => !placed.Contains(w.Key)).ToList())
        {
            rows.Add(new JsonObject { ["columns"] = new JsonArray(new JsonObject { ["id"] = id, ["size"] = 12 }) });
        }

        return new JsonObject
        {
            ["identifier"] = page["identifier"]?.DeepClone(),
            ["title"] = page["title"]?.DeepClone(),
            ["description"] = page["description"]?.DeepClone(),
            ["generatedAt"] = source.Now.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["rows"] = rows,
            ["widgets"] = widgets,
            ["scorecards"] = await ScorecardsAsync(source, cancellationToken),
        };
    }

    /// <summary>For every scorecard: how many entities of its blueprint are at each level (lowest first).</summary>
    private static async Task<JsonArray> ScorecardsAsync(DashboardSource source, CancellationToken cancellationToken)
    {
        var result = new JsonArray();
        foreach (var scorecard in await source.ScorecardsAsync(cancellationToken))
        {
            if (!Problems.IsString(scorecard["blueprint"], out var blueprint))
            {
                continue;
            }

            var evaluator = new ScorecardEvaluator(scorecard, source.Now);
            var data = await source.LoadAsync(blueprint, cancellationToken);
            var counts = data.Entities.GroupBy(evaluator.LevelOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var levels = scorecard["levels"] as JsonArray ?? ScorecardValidator.DefaultLevels();
            result.Add(new JsonObject
            {
                ["id"] = $"scorecard-{blueprint}-{scorecard["identifier"]}",
                ["blueprint"] = blueprint,
                ["identifier"] = scorecard["identifier"]?.DeepClone(),
                ["title"] = scorecard["title"]?.DeepClone(),
                ["entities"] = data.Entities.Count,
                ["levels"] = new JsonArray([.. levels.OfType<JsonObject>().Select(level => (JsonNode?)new JsonObject
                {
                    ["title"] = level["title"]?.DeepClone(),
                    ["color"] = level["color"]?.DeepClone(),
                    ["count"] = counts.GetValueOrDefault(level["title"]?.GetValue<string>() ?? string.Empty),
                })]),
            });
        }

        return result;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Search;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Dashboards;

/// <summary>
/// Computes what one widget shows from the local data, as Port computes it (number charts aggregate a property of the
/// filtered entities, line charts aggregate per time bucket, pies count entities per value, tables list filtered and sorted
/// entities). Every result carries <c>empty</c> with the reason when there is nothing to show.
/// </summary>
internal sealed class WidgetModels(DashboardSource source)
{
    public const int MaxTableRows = 100;
    public const int MaxPieSlices = 14;
    public const int MaxBreakdownLines = 10;

    public async Task<JsonObject> BuildAsync(JsonObject widget, CancellationToken cancellationToken)
    {
        var type = Str(widget, "type") ?? string.Empty;
        var model = new JsonObject
        {
            ["id"] = Str(widget, "id"),
            ["type"] = type,
            ["title"] = Str(widget, "title") ?? Str(widget, "id"),
            ["description"] = Str(widget, "description"),
        };
        try
        {
            switch (type)
            {
                case "entities-number-chart":
                    await NumberAsync(widget, model, cancellationToken);
                    break;
                case "line-chart":
                    await LineAsync(widget, model, cancellationToken);
                    break;
                case "entities-pie-chart":
                case "bar-chart":
                    await PieAsync(widget, model, type == "bar-chart" ? "bar" : "pie", cancellationToken);
                    break;
                case "table-entities-explorer":
                    await TableAsync(widget, model, cancellationToken);
                    break;
                case "markdown":
                    model["kind"] = "markdown";
                    model["markdown"] = Str(widget, "markdown") ?? string.Empty;
                    break;
                default:
                    model["kind"] = "unsupported";
                    model["empty"] = $"The local dashboard does not draw '{type}' widgets; Port does.";
                    break;
            }
        }
        catch (InvalidDataException ex)
        {
            model["empty"] = ex.Message;
        }

        return model;
    }

    private async Task<(IReadOnlyList<JsonObject> Matched, BlueprintData Data)> SelectAsync(JsonObject widget, JsonObject model, string blueprint, CancellationToken cancellationToken, params JsonNode?[] extraQueries)
    {
        var data = await source.LoadAsync(blueprint, cancellationToken);
        var matched = source.Filter(data.Entities, [widget["dataset"], .. extraQueries]);
        model["blueprint"] = blueprint;
        model["matched"] = matched.Count;
        if (data.CalculationProblem is not null)
        {
            model["note"] = data.CalculationProblem;
        }

        if (matched.Count == 0)
        {
            var why = !data.Exists
                ? $"The blueprint {blueprint} does not exist here: run copilot-ingest setup."
                : data.Entities.Count == 0
                    ? $"No {blueprint} entities yet."
                    : $"None of the {data.Entities.Count:N0} {blueprint} entities matches the widget's filters.";
            model["empty"] = Str(widget, "emptyStateText") is { } text ? $"{text}. ({why})" : why;
        }

        return (matched, data);
    }

    private async Task NumberAsync(JsonObject widget, JsonObject model, CancellationToken cancellationToken)
    {
        model["kind"] = "number";
        model["unit"] = Str(widget, "unit") == "custom" ? Str(widget, "unitCustom") : Str(widget, "unit");
        model["unitAlignment"] = Str(widget, "unitAlignment") ?? "left";
        var blueprint = Required(widget, "blueprint");
        var chartType = Str(widget, "chartType") ?? "countEntities";
        var func = Str(widget, "func") ?? "count";
        double? value;
        if (chartType == "displaySingleProperty")
        {
            var data = await source.LoadAsync(blueprint, cancellationToken);
            var entity = data.Entities.FirstOrDefault(e => Str(e, "identifier") == Str(widget, "entity"));
            value = entity is null ? null : WidgetValues.Number(entity, Required(widget, "property"));
            model["empty"] = value is null ? $"The entity {Str(widget, "entity")} of {blueprint} has no number in {Str(widget, "property")}." : null;
        }
        else
        {
            var (matched, _) = await SelectAsync(widget, model, blueprint, cancellationToken);
            if (Str(widget, "calculationBy") == "property" || chartType == "aggregateByProperty" && widget["property"] is not null)
            {
                var property = Required(widget, "property");
                var values = matched.Select(e => WidgetValues.Number(e, property)).OfType<double>().ToList();
                value = PerTime(widget, func, WidgetValues.Aggregate(func, values), matched);
                if (value is null && matched.Count > 0)
                {
                    model["empty"] = $"None of the {matched.Count:N0} matching entities has a value in {property}.";
                }
            }
            else
            {
                value = matched.Count == 0 ? null : PerTime(widget, func, matched.Count, matched);
            }
        }

        if (value is { } number)
        {
            var rounded = Round(widget, number);
            model["value"] = rounded;
            model["formatted"] = Format(widget, rounded);
            if (Condition(widget, rounded) is { } condition)
            {
                model["color"] = Str(condition, "color");
                model["message"] = Str(condition, "message");
            }
        }
    }

    /// <summary><c>func: average</c> with <c>averageOf</c> day/week/month: the total divided by the buckets the entities span.</summary>
    private static double? PerTime(JsonObject widget, string func, double? total, IReadOnlyList<JsonObject> matched)
    {
        var averageOf = Str(widget, "averageOf") ?? "total";
        if (total is null || func != "average" || averageOf is "total" || Str(widget, "measureTimeBy") is not { } measure)
        {
            return total;
        }

        var interval = averageOf == "week" ? "isoWeek" : averageOf;
        var buckets = matched.Select(e => WidgetValues.Instant(e, measure)).OfType<DateTimeOffset>().Select(i => WidgetValues.BucketStart(i, interval)).Distinct().Count();
        var sum = Str(widget, "calculationBy") == "property" ? matched.Select(e => WidgetValues.Number(e, Required(widget, "property"))).OfType<double>().Sum() : matched.Count;
        return buckets == 0 ? null : sum / buckets;
    }

    private async Task LineAsync(JsonObject widget, JsonObject model, CancellationToken cancellationToken)
    {
        model["kind"] = "line";
        model["xAxisTitle"] = Str(widget, "xAxisTitle");
        model["yAxisTitle"] = Str(widget, "yAxisTitle");
        var chartType = Str(widget, "chartType") ?? "aggregatePropertiesValues";
        if (chartType == "propertiesValueHistory")
        {
            model["empty"] = "The local Port keeps no property history; Port draws this chart.";
            return;
        }

        var blueprint = Required(widget, "blueprint");
        var measure = Required(widget, "measureTimeBy");
        var interval = Str(widget, "timeInterval") ?? "day";
        var (from, to) = widget["timeRange"] is JsonObject range ? DateRanges.Resolve(range, source.Now) : (source.Now.AddMonths(-1), source.Now);
        var (matched, _) = await SelectAsync(widget, model, blueprint, cancellationToken);
        var dated = matched
            .Select(e => (Entity: e, At: WidgetValues.Instant(e, measure)))
            .Where(x => x.At is { } at && at >= from && at <= to)
            .Select(x => (x.Entity, Bucket: WidgetValues.BucketStart(x.At!.Value, interval)))
            .ToList();
        if (dated.Count == 0)
        {
            model["empty"] ??= $"No {blueprint} entity has {measure} in the chart's time range.";
            return;
        }

        // Buckets from the first one with data to the one holding "now"; a bucket without entities has no point (a gap, not 0).
        var buckets = new List<DateTimeOffset>();
        for (var bucket = dated.Min(x => x.Bucket); bucket <= WidgetValues.BucketStart(to, interval); bucket = WidgetValues.NextBucket(bucket, interval))
        {
            buckets.Add(bucket);
        }

        model["labels"] = new JsonArray([.. buckets.Select(b => (JsonNode?)WidgetValues.BucketLabel(b, interval))]);
        var byBucket = dated.ToLookup(x => x.Bucket, x => x.Entity);
        var series = new JsonArray();
        if (chartType == "countEntities")
        {
            var breakdown = Str(widget, "breakdownProperty");
            var groups = breakdown is null
                ? [(Label: "Entities", Test: (Func<JsonObject, bool>)(_ => true))]
                : dated.Select(x => WidgetValues.Text(WidgetValues.Get(x.Entity, breakdown))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxBreakdownLines)
                    .Select(value => (Label: value.Length == 0 ? "No value" : value, Test: (Func<JsonObject, bool>)(e => WidgetValues.Text(WidgetValues.Get(e, breakdown)) == value)))
                    .ToList();
            foreach (var (label, test) in groups)
            {
                series.Add(Series(label, buckets.Select(b => byBucket[b].Count(test) is var n && n > 0 ? (double?)n : null)));
            }
        }
        else
        {
            var func = Str(widget, "func") ?? "sum";
            foreach (var property in (widget["properties"] as JsonArray ?? []).Select(p => Problems.IsString(p, out var name) ? name : null).OfType<string>())
            {
                series.Add(Series(WidgetValues.PropertyName(property), buckets.Select(b =>
                    WidgetValues.Aggregate(func, [.. byBucket[b].Select(e => WidgetValues.Number(e, property)).OfType<double>()]))));
            }
        }

        model["series"] = series;
        model["points"] = series.Sum(s => ((JsonArray)s!["data"]!).Count(v => v is not null));
    }

    private static JsonObject Series(string label, IEnumerable<double?> values) => new()
    {
        ["label"] = label,
        ["data"] = new JsonArray([.. values.Select(v => v is { } d ? (JsonNode?)Math.Round(d, 2) : null)]),
    };

    private async Task PieAsync(JsonObject widget, JsonObject model, string kind, CancellationToken cancellationToken)
    {
        model["kind"] = kind;
        var blueprint = Str(widget, "blueprint") ?? DatasetBlueprint(widget) ?? throw new InvalidDataException("The widget names no blueprint.");
        var property = Required(widget, "property");
        var (matched, _) = await SelectAsync(widget, model, blueprint, cancellationToken);
        var counts = matched
            .GroupBy(e => WidgetValues.Text(WidgetValues.Get(e, property)), StringComparer.Ordinal)
            .Select(g => (Label: g.Key.Length == 0 ? "No value" : g.Key, Count: g.Count()))
            .OrderByDescending(s => s.Count).ThenBy(s => s.Label, StringComparer.Ordinal)
            .ToList();
        var limit = kind == "bar" ? 9 : MaxPieSlices;
        if (counts.Count > limit)
        {
            counts = [.. counts.Take(limit - 1), ("Other", counts.Skip(limit - 1).Sum(s => s.Count))];
        }

        model["labels"] = new JsonArray([.. counts.Select(s => (JsonNode?)s.Label)]);
        model["values"] = new JsonArray([.. counts.Select(s => (JsonNode?)s.Count)]);
    }

    private async Task TableAsync(JsonObject widget, JsonObject model, CancellationToken cancellationToken)
    {
        model["kind"] = "table";
        var blueprint = Str(widget, "blueprint") ?? DatasetBlueprint(widget) ?? throw new InvalidDataException("The widget names no blueprint.");
        var config = widget["blueprintConfig"]?[blueprint] as JsonObject;
        var (matched, _) = await SelectAsync(widget, model, blueprint, cancellationToken, config?["filterSettings"]?["filterBy"]);
        var columns = Columns(config, matched);
        IEnumerable<JsonObject> rows = matched;
        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var sort in (config?["sortSettings"]?["sortBy"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var property = Str(sort, "property") ?? string.Empty;
            var descending = Str(sort, "order") == "desc";
            var key = (Func<JsonObject, JsonNode?>)(e => WidgetValues.Get(e, property));
            ordered = ordered is null
                ? descending ? rows.OrderByDescending(key, SortOrder.Instance) : rows.OrderBy(key, SortOrder.Instance)
                : descending ? ordered.ThenByDescending(key, SortOrder.Instance) : ordered.ThenBy(key, SortOrder.Instance);
        }

        rows = ordered ?? rows;
        model["columns"] = new JsonArray([.. columns.Select(c => (JsonNode?)c)]);
        model["rows"] = new JsonArray([.. rows.Take(MaxTableRows).Select(e => (JsonNode?)new JsonArray([.. columns.Select(c => WidgetValues.Get(e, c)?.DeepClone())]))]);
        model["total"] = matched.Count;
    }

    private static List<string> Columns(JsonObject? config, IReadOnlyList<JsonObject> matched)
    {
        var settings = config?["propertiesSettings"];
        var order = (settings?["order"] as JsonArray ?? []).Select(n => Problems.IsString(n, out var s) ? s : null).OfType<string>();
        var shown = (settings?["shown"] as JsonArray ?? []).Select(n => Problems.IsString(n, out var s) ? s : null).OfType<string>();
        var columns = order.Concat(shown).Distinct(StringComparer.Ordinal).ToList();
        if (columns.Count == 0)
        {
            columns = ["$title", .. matched.SelectMany(e => (e["properties"] as JsonObject ?? []).Select(p => p.Key)).Distinct(StringComparer.Ordinal).Take(10)];
        }

        var hidden = (settings?["hidden"] as JsonArray ?? []).Select(n => Problems.IsString(n, out var s) ? s : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. columns.Where(c => !hidden.Contains(c))];
    }

    private static string? DatasetBlueprint(JsonObject widget) =>
        (widget["dataset"]?["rules"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => Str(r, "property") == "$blueprint" && Str(r, "operator") == "=")
            .Select(r => Str(r, "value"))
            .FirstOrDefault();

    private static double Round(JsonObject widget, double value) => Str(widget, "displayFormatting") switch
    {
        "round" => Math.Round(value, MidpointRounding.AwayFromZero),
        "custom" => Math.Round(value, Math.Max(0, (Str(widget, "decimalPlaces") ?? ".00").Length - 1), MidpointRounding.AwayFromZero),
        _ => Math.Round(value, 2, MidpointRounding.AwayFromZero),
    };

    private static string Format(JsonObject widget, double value)
    {
        var text = value.ToString("#,0.##", CultureInfo.InvariantCulture);
        var unit = Str(widget, "unit") switch
        {
            null or "none" => null,
            "custom" => Str(widget, "unitCustom"),
            var other => other,
        };
        if (unit is null)
        {
            return text;
        }

        var right = (Str(widget, "unitAlignment") ?? (unit == "%" ? "right" : "left")) == "right";
        return right ? text + unit : unit + text;
    }

    private static JsonObject? Condition(JsonObject widget, double value) =>
        (widget["conditionalFormatting"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(rule =>
            Problems.IsNumber(rule["value"], out var threshold) && (Str(rule, "operator") switch
            {
                ">" => value > threshold,
                ">=" => value >= threshold,
                "<" => value < threshold,
                "<=" => value <= threshold,
                "=" => value.Equals(threshold),
                "!=" => !value.Equals(threshold),
                _ => false,
            }));

    private static string Required(JsonObject widget, string key) =>
        Str(widget, key) ?? throw new InvalidDataException($"The widget has no \"{key}\".");

    private static string? Str(JsonNode? node, string key) => Problems.IsString(node?[key], out var text) ? text : null;

    /// <summary>Orders table cells: numbers numerically, date-times by instant, other text ordinally; an empty value sorts lowest.</summary>
    private sealed class SortOrder : IComparer<JsonNode?>
    {
        public static readonly SortOrder Instance = new();

        public int Compare(JsonNode? x, JsonNode? y)
        {
            if (Problems.IsNumber(x, out var a) && Problems.IsNumber(y, out var b))
            {
                return a.CompareTo(b);
            }

            var left = WidgetValues.Text(x);
            var right = WidgetValues.Text(y);
            return ValueFormats.TryParseDateTime(left, out var l) && ValueFormats.TryParseDateTime(right, out var r)
                ? l.CompareTo(r)
                : string.CompareOrdinal(left, right);
        }
    }
}

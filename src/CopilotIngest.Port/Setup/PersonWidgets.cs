using System.Text.Json.Nodes;

namespace CopilotIngest.Port.Setup;

/// <summary>
/// Takes the widgets that read a person blueprint out of a dashboard page (<c>PRIVACY_MODE=aggregate</c>): a widget
/// reads a blueprint through its <c>blueprint</c>, its table's <c>blueprintConfig</c> or a <c>$blueprint</c> rule of its
/// dataset. Each removed widget leaves its layout row too; the widgets left in a row share its 12 columns.
/// </summary>
public static class PersonWidgets
{
    private const int Columns = 12;

    /// <summary>Removes, in place, every widget that reads one of <paramref name="personBlueprints"/>; returns their ids.</summary>
    public static IReadOnlyList<string> Remove(JsonObject page, IReadOnlySet<string> personBlueprints)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(personBlueprints);
        var removed = new List<string>();
        if (page["widgets"] is not JsonArray containers)
        {
            return removed;
        }

        foreach (var container in containers.OfType<JsonObject>())
        {
            if (container["widgets"] is not JsonArray widgets)
            {
                continue;
            }

            var dropped = widgets.OfType<JsonObject>().Where(w => Reads(w).Overlaps(personBlueprints)).ToList();
            foreach (var widget in dropped)
            {
                widgets.Remove(widget);
                removed.Add(widget["id"]?.GetValue<string>() ?? string.Empty);
            }

            if (dropped.Count > 0 && container["layout"] is JsonArray rows)
            {
                Relayout(rows, removed.ToHashSet(StringComparer.Ordinal));
            }
        }

        return removed;
    }

    /// <summary>The blueprints a widget reads.</summary>
    public static HashSet<string> Reads(JsonNode? widget)
    {
        var blueprints = new HashSet<string>(StringComparer.Ordinal);
        Collect(widget, blueprints);
        return blueprints;
    }

    private static void Collect(JsonNode? node, HashSet<string> blueprints)
    {
        switch (node)
        {
            case JsonObject members:
                if (members["blueprint"] is JsonValue blueprint && blueprint.TryGetValue<string>(out var name))
                {
                    blueprints.Add(name);
                }

                if (members["blueprintConfig"] is JsonObject configs)
                {
                    blueprints.UnionWith(configs.Select(c => c.Key));
                }

                if (members["property"] is JsonValue property && property.TryGetValue<string>(out var rule) && rule == "$blueprint"
                    && members["value"] is JsonValue value && value.TryGetValue<string>(out var target))
                {
                    blueprints.Add(target);
                }

                foreach (var member in members)
                {
                    Collect(member.Value, blueprints);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Collect(item, blueprints);
                }

                break;
            default:
                break;
        }
    }

    private static void Relayout(JsonArray rows, HashSet<string> removed)
    {
        foreach (var row in rows.OfType<JsonObject>().ToList())
        {
            if (row["columns"] is not JsonArray columns)
            {
                continue;
            }

            var gone = columns.OfType<JsonObject>().Where(c => c["id"] is JsonValue id && id.TryGetValue<string>(out var text) && removed.Contains(text)).ToList();
            if (gone.Count == 0)
            {
                continue;
            }

            foreach (var column in gone)
            {
                columns.Remove(column);
            }

            if (columns.Count == 0)
            {
                rows.Remove(row);
                continue;
            }

            var share = Columns / columns.Count;
            for (var i = 0; i < columns.Count; i++)
            {
                columns[i]!["size"] = i == columns.Count - 1 ? Columns - (share * (columns.Count - 1)) : share;
            }
        }
    }
}

using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Pages;

/// <summary>
/// Light checks of a page (Port's Pages API is beta and lightly validated): identifier, title, type, widgets with string types
/// and unique ids, dashboard layouts whose rows sum to 12 columns, and blueprints that exist.
/// </summary>
internal static class PageValidator
{
    public const int MaxIdentifier = 100;

    private static readonly HashSet<string> s_types = new HashSet<string>(StringComparer.Ordinal) { "dashboard", "blueprint-entities", "entity", "home" };

    public static void Validate(JsonObject page, Func<string, bool> blueprintExists, Problems problems)
    {
        if (!Problems.IsString(page["identifier"], out var identifier))
        {
            problems.Add("body", "must have required property 'identifier'");
        }
        else if (identifier.Length > MaxIdentifier || !PortIdentifier.IsValid(identifier))
        {
            problems.Add("body/identifier", $"must match pattern \"{Patterns.EntityIdentifierText}\" and have at most {MaxIdentifier} characters");
        }

        BlueprintValidator.CheckOptionalString(page, "title", 100, "body", problems);
        if (page["type"] is { } type && (!Problems.IsString(type, out var t) || !s_types.Contains(t)))
        {
            problems.Add("body/type", "must be equal to one of the allowed values: " + string.Join(", ", s_types));
        }

        if (page["blueprint"] is { } blueprint && (!Problems.IsString(blueprint, out var b) || !blueprintExists(b)))
        {
            problems.Add("body/blueprint", $"names blueprint {blueprint.ToJsonString()}, which does not exist");
        }

        if (page["widgets"] is { } widgets)
        {
            ValidateWidgets(widgets, "body/widgets", blueprintExists, new HashSet<string>(StringComparer.Ordinal), problems);
        }
    }

    private static void ValidateWidgets(JsonNode widgets, string path, Func<string, bool> blueprintExists, HashSet<string> ids, Problems problems)
    {
        if (widgets is not JsonArray list)
        {
            problems.Add(path, "must be array");
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{path}/{i}";
            if (list[i] is not JsonObject widget)
            {
                problems.Add(at, "must be object");
                continue;
            }

            if (!Problems.IsString(widget["type"], out var type))
            {
                problems.Add(at, "must have required property 'type'");
            }

            if (Problems.IsString(widget["id"], out var id) && !ids.Add(id))
            {
                problems.Add(at + "/id", $"\"{id}\" is used by another widget of this page");
            }

            if (widget["blueprint"] is { } blueprint && (!Problems.IsString(blueprint, out var name) || !blueprintExists(name)))
            {
                problems.Add(at + "/blueprint", $"names blueprint {blueprint.ToJsonString()}, which does not exist");
            }

            if (type == "dashboard-widget")
            {
                ValidateLayout(widget["layout"], at + "/layout", problems);
            }

            if (widget["widgets"] is { } children)
            {
                ValidateWidgets(children, at + "/widgets", blueprintExists, ids, problems);
            }
        }
    }

    private static void ValidateLayout(JsonNode? layout, string path, Problems problems)
    {
        if (layout is null)
        {
            return;
        }

        if (layout is not JsonArray rows)
        {
            problems.Add(path, "must be array");
            return;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if ((rows[i] as JsonObject)?["columns"] is not JsonArray columns)
            {
                problems.Add($"{path}/{i}", "must have required property 'columns'");
                continue;
            }

            var total = columns.Sum(c => Problems.IsNumber((c as JsonObject)?["size"], out var size) ? size : 0);
            if (Math.Abs(total - 12) > 0.0001)
            {
                problems.Add($"{path}/{i}/columns", $"sizes must add up to 12 (got {total})");
            }
        }
    }
}

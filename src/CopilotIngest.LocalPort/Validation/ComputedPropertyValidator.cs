using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>Checks a blueprint's mirror, calculation and aggregation properties (targets, paths, required keys).</summary>
internal static class ComputedPropertyValidator
{
    private static readonly HashSet<string> s_mirrorKeys = new(StringComparer.Ordinal) { "path", "title" };
    private static readonly HashSet<string> s_calculationKeys = new(StringComparer.Ordinal)
    {
        "title", "description", "icon", "calculation", "type", "format", "spec", "specAuthentication", "colorized", "colors", "items",
    };

    public static void ValidateMirrors(JsonNode? node, HashSet<string> relations, Dictionary<string, string> declared, Problems problems)
    {
        foreach (var (key, mirror) in BlueprintSections.Section(node, "mirrorProperties", problems))
        {
            var path = $"body/mirrorProperties/{key}";
            if (!BlueprintSections.CheckKey(key, path, "mirrorProperties", declared, problems) || mirror is null)
            {
                continue;
            }

            BlueprintSections.CheckAllowedKeys(mirror, s_mirrorKeys, path, problems);
            if (!Problems.IsString(mirror["path"], out var mirrorPath) || !mirrorPath.Contains('.', StringComparison.Ordinal))
            {
                problems.Add(path, "must have required property 'path' (relation identifiers and a property, joined by '.')");
            }
            else if (!relations.Contains(mirrorPath.Split('.')[0]))
            {
                problems.Add(path + "/path", $"must start with a relation of this blueprint, got \"{mirrorPath}\"");
            }
        }
    }

    public static void ValidateCalculations(JsonNode? node, Dictionary<string, string> declared, Problems problems)
    {
        foreach (var (key, calculation) in BlueprintSections.Section(node, "calculationProperties", problems))
        {
            var path = $"body/calculationProperties/{key}";
            if (!BlueprintSections.CheckKey(key, path, "calculationProperties", declared, problems) || calculation is null)
            {
                continue;
            }

            BlueprintSections.CheckAllowedKeys(calculation, s_calculationKeys, path, problems);
            if (!Problems.IsString(calculation["calculation"], out var expression) || expression.Length == 0)
            {
                problems.Add(path, "must have required property 'calculation' (a jq expression)");
            }

            if (!Problems.IsString(calculation["type"], out var type) || !Patterns.PropertyTypes.Contains(type))
            {
                problems.Add(path + "/type", "must be one of " + string.Join(", ", Patterns.PropertyTypes));
            }

            if (calculation["format"] is { } format && (!Problems.IsString(format, out var f) || !Patterns.PropertyFormats.Contains(f)))
            {
                problems.Add(path + "/format", "must be one of " + string.Join(", ", Patterns.PropertyFormats));
            }
        }
    }

    public static void ValidateAggregations(JsonNode? node, string identifier, Func<string, bool> blueprintExists, Dictionary<string, string> declared, Problems problems)
    {
        foreach (var (key, aggregation) in BlueprintSections.Section(node, "aggregationProperties", problems))
        {
            var path = $"body/aggregationProperties/{key}";
            if (!BlueprintSections.CheckKey(key, path, "aggregationProperties", declared, problems) || aggregation is null)
            {
                continue;
            }

            if (!Problems.IsString(aggregation["title"], out _))
            {
                problems.Add(path, "must have required property 'title'");
            }

            if (!Problems.IsString(aggregation["target"], out var target))
            {
                problems.Add(path, "must have required property 'target'");
            }
            else if (target != identifier && !blueprintExists(target))
            {
                problems.Add(path + "/target", $"names blueprint \"{target}\", which does not exist");
            }

            if (aggregation["calculationSpec"] is not JsonObject spec
                || !Problems.IsString(spec["func"], out _)
                || !Problems.IsString(spec["calculationBy"], out var by) || by is not ("entities" or "property"))
            {
                problems.Add(path, "must have required property 'calculationSpec' ({func, calculationBy: entities|property})");
            }

            if (aggregation["type"] is { } type && (!Problems.IsString(type, out var t) || t != "number"))
            {
                problems.Add(path + "/type", "must be equal to one of the allowed values: number");
            }
        }
    }
}

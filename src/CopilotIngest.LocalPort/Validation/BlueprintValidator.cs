using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>
/// Checks a blueprint body against Port's blueprint schema: identifiers, property types and formats, relations (with existing
/// targets), mirror, calculation and aggregation properties; and that no property changes its type.
/// </summary>
internal static class BlueprintValidator
{
    private static readonly IReadOnlySet<string> s_relationKeys = new HashSet<string>(StringComparer.Ordinal) { "title", "target", "required", "many", "description", "type" };
    private static readonly IReadOnlySet<string> s_calculationKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "title", "description", "icon", "calculation", "type", "format", "spec", "specAuthentication", "colorized", "colors", "items",
    };

    /// <param name="body">The whole blueprint (for PATCH: after merging the patch into the stored blueprint).</param>
    /// <param name="identifier">The blueprint's identifier (from the body on create, from the URL otherwise).</param>
    /// <param name="blueprintExists">Whether a relation or aggregation target exists.</param>
    /// <param name="previous">The stored blueprint when updating, to refuse property type changes.</param>
    public static void Validate(JsonObject body, string identifier, Func<string, bool> blueprintExists, JsonObject? previous, Problems problems)
    {
        if (identifier.Length > 0 && !Patterns.IsBlueprintIdentifier(identifier))
        {
            problems.Add("body/identifier", $"must match pattern \"{Patterns.BlueprintIdentifierText}\" and have at most {Patterns.MaxBlueprintIdentifier} characters");
        }

        if (!Problems.IsString(body["title"], out var title))
        {
            problems.Add("body", "must have required property 'title' (a string)");
        }
        else if (title.Length is 0 or > 100)
        {
            problems.Add("body/title", "must have 1 to 100 characters");
        }

        CheckOptionalString(body, "description", 200, "body", problems);
        CheckOptionalString(body, "icon", null, "body", problems);
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        ValidateSchema(body["schema"], previous?["schema"] as JsonObject, declared, problems);
        var relations = ValidateRelations(body["relations"], identifier, blueprintExists, declared, problems);
        ValidateMirrors(body["mirrorProperties"], relations, declared, problems);
        ValidateCalculations(body["calculationProperties"], declared, problems);
        ValidateAggregations(body["aggregationProperties"], identifier, blueprintExists, declared, problems);
    }

    private static void ValidateSchema(JsonNode? node, JsonObject? previousSchema, Dictionary<string, string> declared, Problems problems)
    {
        if (node is not JsonObject schema)
        {
            problems.Add("body", "must have required property 'schema' (an object with 'properties')");
            return;
        }

        foreach (var key in schema.Select(p => p.Key).Where(k => k is not ("properties" or "required")))
        {
            problems.Add("body/schema", $"must NOT have additional properties ('{key}')");
        }

        if (schema["properties"] is not JsonObject properties)
        {
            problems.Add("body/schema", "must have required property 'properties' (an object)");
            return;
        }

        var previousProperties = previousSchema?["properties"] as JsonObject;
        foreach (var (key, value) in properties)
        {
            var path = $"body/schema/properties/{key}";
            if (CheckKey(key, path, "properties", declared, problems) && value is JsonObject definition)
            {
                PropertyDefinitionValidator.Validate(definition, path, problems);
                if (previousProperties?[key]?["type"] is JsonValue oldType && definition["type"] is JsonValue newType
                    && !JsonNode.DeepEquals(oldType, newType))
                {
                    problems.Add(path + "/type", $"cannot change from {oldType.ToJsonString()} to {newType.ToJsonString()}; add a new property and migrate the data instead");
                }
            }
            else if (value is not JsonObject)
            {
                problems.Add(path, "must be object");
            }
        }

        switch (schema["required"])
        {
            case null:
                break;
            case JsonArray required:
                for (var i = 0; i < required.Count; i++)
                {
                    if (!Problems.IsString(required[i], out var name))
                    {
                        problems.Add($"body/schema/required/{i}", "must be string");
                    }
                    else if (!properties.ContainsKey(name))
                    {
                        problems.Add($"body/schema/required/{i}", $"names '{name}', which is not in schema.properties");
                    }
                }

                break;
            default:
                problems.Add("body/schema/required", "must be array");
                break;
        }
    }

    private static HashSet<string> ValidateRelations(JsonNode? node, string identifier, Func<string, bool> blueprintExists, Dictionary<string, string> declared, Problems problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, relation) in Section(node, "relations", problems))
        {
            var path = $"body/relations/{key}";
            if (!CheckKey(key, path, "relations", declared, problems) || relation is null)
            {
                continue;
            }

            names.Add(key);
            CheckAllowedKeys(relation, s_relationKeys, path, problems);
            if (!Problems.IsString(relation["target"], out var target))
            {
                problems.Add(path, "must have required property 'target' (a blueprint identifier)");
            }
            else if (target != identifier && !blueprintExists(target))
            {
                problems.Add(path + "/target", $"names blueprint \"{target}\", which does not exist; create it first");
            }

            foreach (var flag in new[] { "required", "many" })
            {
                if (!Problems.IsBoolean(relation[flag]))
                {
                    problems.Add(path, $"must have required property '{flag}' (a boolean)");
                }
            }

            CheckOptionalString(relation, "title", 100, path, problems);
        }

        return names;
    }

    private static void ValidateMirrors(JsonNode? node, HashSet<string> relations, Dictionary<string, string> declared, Problems problems)
    {
        foreach (var (key, mirror) in Section(node, "mirrorProperties", problems))
        {
            var path = $"body/mirrorProperties/{key}";
            if (!CheckKey(key, path, "mirrorProperties", declared, problems) || mirror is null)
            {
                continue;
            }

            CheckAllowedKeys(mirror, new HashSet<string>(StringComparer.Ordinal) { "path", "title" }, path, problems);
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

    private static void ValidateCalculations(JsonNode? node, Dictionary<string, string> declared, Problems problems)
    {
        foreach (var (key, calculation) in Section(node, "calculationProperties", problems))
        {
            var path = $"body/calculationProperties/{key}";
            if (!CheckKey(key, path, "calculationProperties", declared, problems) || calculation is null)
            {
                continue;
            }

            CheckAllowedKeys(calculation, s_calculationKeys, path, problems);
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

    private static void ValidateAggregations(JsonNode? node, string identifier, Func<string, bool> blueprintExists, Dictionary<string, string> declared, Problems problems)
    {
        foreach (var (key, aggregation) in Section(node, "aggregationProperties", problems))
        {
            var path = $"body/aggregationProperties/{key}";
            if (!CheckKey(key, path, "aggregationProperties", declared, problems) || aggregation is null)
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

    private static IEnumerable<(string Key, JsonObject? Value)> Section(JsonNode? node, string name, Problems problems)
    {
        if (node is null)
        {
            yield break;
        }

        if (node is not JsonObject section)
        {
            problems.Add("body/" + name, "must be object");
            yield break;
        }

        foreach (var (key, value) in section)
        {
            if (value is not JsonObject item)
            {
                problems.Add($"body/{name}/{key}", "must be object");
                yield return (key, null);
                continue;
            }

            yield return (key, item);
        }
    }

    /// <summary>Checks an identifier's pattern and that no other section of the blueprint uses it too.</summary>
    private static bool CheckKey(string key, string path, string section, Dictionary<string, string> declared, Problems problems)
    {
        if (!Patterns.IsKey(key))
        {
            problems.Add(path, $"identifier must match pattern \"{Patterns.KeyText}\" and have at most {Patterns.MaxKey} characters");
            return false;
        }

        if (declared.TryGetValue(key, out var other))
        {
            problems.Add(path, $"identifier is already used in {other}; identifiers must be unique across properties, relations, mirror, calculation and aggregation properties");
            return false;
        }

        declared[key] = section;
        return true;
    }

    private static void CheckAllowedKeys(JsonObject value, IReadOnlySet<string> allowed, string path, Problems problems)
    {
        foreach (var key in value.Select(p => p.Key).Where(k => !allowed.Contains(k)))
        {
            problems.Add(path, $"must NOT have additional properties ('{key}')");
        }
    }

    internal static void CheckOptionalString(JsonObject value, string name, int? maxLength, string path, Problems problems)
    {
        if (value[name] is not { } node)
        {
            return;
        }

        if (!Problems.IsString(node, out var text))
        {
            problems.Add($"{path}/{name}", "must be string");
        }
        else if (maxLength is { } max && text.Length > max)
        {
            problems.Add($"{path}/{name}", $"must NOT have more than {max} characters");
        }
    }

    internal static bool IsValidRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

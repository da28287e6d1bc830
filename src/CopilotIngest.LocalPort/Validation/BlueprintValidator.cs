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
        ComputedPropertyValidator.ValidateMirrors(body["mirrorProperties"], relations, declared, problems);
        ComputedPropertyValidator.ValidateCalculations(body["calculationProperties"], declared, problems);
        ComputedPropertyValidator.ValidateAggregations(body["aggregationProperties"], identifier, blueprintExists, declared, problems);
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
            if (BlueprintSections.CheckKey(key, path, "properties", declared, problems) && value is JsonObject definition)
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
        foreach (var (key, relation) in BlueprintSections.Section(node, "relations", problems))
        {
            var path = $"body/relations/{key}";
            if (!BlueprintSections.CheckKey(key, path, "relations", declared, problems) || relation is null)
            {
                continue;
            }

            names.Add(key);
            BlueprintSections.CheckAllowedKeys(relation, s_relationKeys, path, problems);
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

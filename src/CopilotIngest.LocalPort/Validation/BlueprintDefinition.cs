using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>One relation of a blueprint.</summary>
internal sealed record RelationDefinition(string Identifier, string Target, bool Required, bool Many);

/// <summary>The parts of a stored (already validated) blueprint that entity validation needs.</summary>
internal sealed class BlueprintDefinition
{
    private BlueprintDefinition(
        string identifier,
        IReadOnlyDictionary<string, JsonObject> properties,
        IReadOnlySet<string> required,
        IReadOnlyDictionary<string, RelationDefinition> relations,
        IReadOnlySet<string> computed)
    {
        Identifier = identifier;
        Properties = properties;
        Required = required;
        Relations = relations;
        Computed = computed;
    }

    public string Identifier { get; }

    public IReadOnlyDictionary<string, JsonObject> Properties { get; }

    public IReadOnlySet<string> Required { get; }

    public IReadOnlyDictionary<string, RelationDefinition> Relations { get; }

    /// <summary>Calculation, mirror and aggregation property identifiers (Port computes them; entities cannot set them).</summary>
    public IReadOnlySet<string> Computed { get; }

    public IReadOnlyDictionary<string, string> RelationTargets => Relations.ToDictionary(r => r.Key, r => r.Value.Target, StringComparer.Ordinal);

    public static BlueprintDefinition From(JsonObject blueprint)
    {
        var identifier = blueprint["identifier"]?.GetValue<string>() ?? string.Empty;
        var schema = blueprint["schema"] as JsonObject;
        var properties = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (schema?["properties"] is JsonObject props)
        {
            foreach (var (key, value) in props)
            {
                if (value is JsonObject definition)
                {
                    properties[key] = definition;
                }
            }
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema?["required"] is JsonArray requiredArray)
        {
            foreach (var item in requiredArray)
            {
                if (Problems.IsString(item, out var name))
                {
                    required.Add(name);
                }
            }
        }

        var relations = new Dictionary<string, RelationDefinition>(StringComparer.Ordinal);
        if (blueprint["relations"] is JsonObject rels)
        {
            foreach (var (key, value) in rels)
            {
                if (value is JsonObject relation && Problems.IsString(relation["target"], out var target))
                {
                    relations[key] = new RelationDefinition(key, target, IsTrue(relation["required"]), IsTrue(relation["many"]));
                }
            }
        }

        var computed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in new[] { "calculationProperties", "mirrorProperties", "aggregationProperties" })
        {
            if (blueprint[section] is JsonObject values)
            {
                computed.UnionWith(values.Select(v => v.Key));
            }
        }

        return new BlueprintDefinition(identifier, properties, required, relations, computed);
    }

    private static bool IsTrue(JsonNode? node) => Problems.IsBoolean(node) && node!.GetValue<bool>();
}

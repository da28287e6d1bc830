using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Http;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>
/// Checks a composed entity against its blueprint: unknown, mistyped, malformed, out-of-range or missing required properties
/// (422 <c>blueprint_schema_mismatch</c>), unknown relations, single relations given several ids (<c>relation_many_violation</c>)
/// and missing required relations (<c>required_relation</c>).
/// </summary>
internal static class EntityValidator
{
    public static PortError? Validate(BlueprintDefinition blueprint, JsonObject properties, JsonObject relations)
    {
        var problems = new Problems();
        foreach (var (key, value) in properties)
        {
            if (blueprint.Properties.TryGetValue(key, out var definition))
            {
                PropertyValueValidator.Validate($"properties/{key}", value, definition, problems);
            }
            else if (blueprint.Computed.Contains(key))
            {
                problems.Add($"properties/{key}", "is a calculation, mirror or aggregation property; Port computes it and it cannot be set");
            }
            else
            {
                problems.Add($"properties/{key}", $"is not a property of blueprint \"{blueprint.Identifier}\"");
            }
        }

        foreach (var required in blueprint.Required.Order(StringComparer.Ordinal))
        {
            if (properties[required] is null)
            {
                problems.Add("properties", $"must have required property '{required}'");
            }
        }

        foreach (var key in relations.Select(r => r.Key).Where(k => !blueprint.Relations.ContainsKey(k)))
        {
            problems.Add($"relations/{key}", $"is not a relation of blueprint \"{blueprint.Identifier}\"");
        }

        if (problems.Any)
        {
            return PortError.SchemaMismatch(problems.ToString());
        }

        foreach (var (key, relation) in blueprint.Relations)
        {
            var value = relations[key];
            if (!relation.Many && value is JsonArray)
            {
                return new PortError(422, "relation_many_violation", $"A provided relation cannot contain more than one entity: relation \"{key}\" is single (many: false), send one identifier.");
            }

            if (relation.Many && value is JsonValue)
            {
                return new PortError(422, "relation_many_violation", $"Relation \"{key}\" is many (many: true): send an array of identifiers.");
            }

            if (relation.Required && (value is null || value is JsonArray { Count: 0 }))
            {
                return new PortError(422, "required_relation", $"A relation is required: relation \"{key}\" of blueprint \"{blueprint.Identifier}\" must be set.");
            }
        }

        return null;
    }
}

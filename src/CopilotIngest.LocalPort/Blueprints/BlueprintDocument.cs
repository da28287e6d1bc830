using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Blueprints;

/// <summary>The stored form of a blueprint: the client's JSON, Port's default sections, and audit fields.</summary>
internal static class BlueprintDocument
{
    private static readonly string[] s_auditFields = ["createdAt", "createdBy", "updatedAt", "updatedBy"];
    private static readonly string[] s_sections = ["relations", "mirrorProperties", "calculationProperties", "aggregationProperties"];

    /// <summary>A copy of <paramref name="body"/> without the audit fields a client may echo back from a GET.</summary>
    public static JsonObject WithoutAudit(JsonObject body)
    {
        var copy = (JsonObject)body.DeepClone();
        foreach (var field in s_auditFields)
        {
            copy.Remove(field);
        }

        return copy;
    }

    public static JsonObject Finish(JsonObject body, string identifier, JsonObject? previous, string now, string actor)
    {
        var document = WithoutAudit(body);
        document["identifier"] = identifier;
        foreach (var section in s_sections)
        {
            document[section] ??= new JsonObject();
        }

        if (document["schema"] is JsonObject schema)
        {
            schema["required"] ??= new JsonArray();
        }

        document["createdAt"] = previous?["createdAt"]?.DeepClone() ?? now;
        document["createdBy"] = previous?["createdBy"]?.DeepClone() ?? actor;
        document["updatedAt"] = now;
        document["updatedBy"] = actor;
        return document;
    }

    /// <summary>
    /// PATCH: top-level fields replace the stored ones, except that <c>schema.properties</c> and the relation, mirror,
    /// calculation and aggregation sections merge key by key.
    /// </summary>
    public static JsonObject Patch(JsonObject stored, JsonObject patch)
    {
        var result = WithoutAudit(stored);
        foreach (var (key, value) in patch)
        {
            if (key == "schema" && value is JsonObject schemaPatch && result["schema"] is JsonObject schema)
            {
                foreach (var (schemaKey, schemaValue) in schemaPatch)
                {
                    if (schemaKey == "properties" && schemaValue is JsonObject properties && schema["properties"] is JsonObject storedProperties)
                    {
                        MergeInto(storedProperties, properties);
                    }
                    else
                    {
                        schema[schemaKey] = schemaValue?.DeepClone();
                    }
                }
            }
            else if (s_sections.Contains(key) && value is JsonObject section && result[key] is JsonObject storedSection)
            {
                MergeInto(storedSection, section);
            }
            else if (!s_auditFields.Contains(key))
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value?.DeepClone();
        }
    }
}

using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Search;

/// <summary>Applies <c>include</c>/<c>exclude</c> lists (meta fields with <c>$</c>, else property or relation identifiers).</summary>
internal sealed class EntityProjection(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
{
    public static EntityProjection All { get; } = new([], []);

    public bool IsIdentity => include.Count == 0 && exclude.Count == 0;

    public JsonObject Apply(JsonObject entity)
    {
        if (IsIdentity)
        {
            return entity;
        }

        var result = include.Count == 0 ? (JsonObject)entity.DeepClone() : Select(entity);
        foreach (var field in exclude)
        {
            if (EntityFields.TryGetMeta(field, out var key))
            {
                result.Remove(key);
                continue;
            }

            (result["properties"] as JsonObject)?.Remove(field);
            (result["relations"] as JsonObject)?.Remove(field);
        }

        return result;
    }

    private JsonObject Select(JsonObject entity)
    {
        var result = new JsonObject();
        JsonObject? properties = null;
        JsonObject? relations = null;
        foreach (var field in include)
        {
            if (EntityFields.TryGetMeta(field, out var key))
            {
                result[key] = entity[key]?.DeepClone();
            }
            else if (entity["properties"] is JsonObject sourceProperties && sourceProperties.TryGetPropertyValue(field, out var property))
            {
                properties ??= [];
                properties[field] = property?.DeepClone();
            }
            else if (entity["relations"] is JsonObject sourceRelations && sourceRelations.TryGetPropertyValue(field, out var relation))
            {
                relations ??= [];
                relations[field] = relation?.DeepClone();
            }
        }

        if (properties is not null)
        {
            result["properties"] = properties;
        }

        if (relations is not null)
        {
            result["relations"] = relations;
        }

        return result;
    }
}

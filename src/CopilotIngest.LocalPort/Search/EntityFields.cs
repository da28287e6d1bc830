using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Search;

/// <summary>Maps Port's meta-properties (<c>$identifier</c>, <c>$updatedAt</c>…) and property/relation identifiers to entity JSON.</summary>
internal static class EntityFields
{
    private static readonly Dictionary<string, string> s_meta = new(StringComparer.Ordinal)
    {
        ["$identifier"] = "identifier",
        ["$title"] = "title",
        ["$blueprint"] = "blueprint",
        ["$icon"] = "icon",
        ["$team"] = "team",
        ["$createdAt"] = "createdAt",
        ["$createdBy"] = "createdBy",
        ["$updatedAt"] = "updatedAt",
        ["$updatedBy"] = "updatedBy",
    };

    public static bool TryGetMeta(string field, out string key) => s_meta.TryGetValue(field, out key!);

    /// <summary>The value a rule on <paramref name="field"/> sees: a meta field, else a property, else a relation.</summary>
    public static JsonNode? Get(JsonObject entity, string field)
    {
        if (s_meta.TryGetValue(field, out var key))
        {
            return entity[key];
        }

        if (entity["properties"] is JsonObject properties && properties.TryGetPropertyValue(field, out var property))
        {
            return property;
        }

        return entity["relations"] is JsonObject relations ? relations[field] : null;
    }
}

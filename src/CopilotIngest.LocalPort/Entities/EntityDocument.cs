using System.Globalization;
using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Entities;

/// <summary>The stored and returned form of an entity, in the field order Port answers with.</summary>
internal static class EntityDocument
{
    public static string Timestamp(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Create(
        string blueprint,
        string identifier,
        EntityContent content,
        string createdAt,
        string createdBy,
        string updatedAt,
        string updatedBy)
    {
        var entity = new JsonObject
        {
            ["identifier"] = identifier,
            ["title"] = content.Title,
        };
        if (content.Icon is not null)
        {
            entity["icon"] = content.Icon;
        }

        entity["blueprint"] = blueprint;
        entity["team"] = content.Team.DeepClone();
        entity["properties"] = content.Properties.DeepClone();
        entity["relations"] = content.Relations.DeepClone();
        entity["createdAt"] = createdAt;
        entity["createdBy"] = createdBy;
        entity["updatedAt"] = updatedAt;
        entity["updatedBy"] = updatedBy;
        return entity;
    }
}

/// <summary>The parts of an entity a client controls; two entities with equal content are "unchanged".</summary>
internal sealed record EntityContent(string? Title, string? Icon, JsonArray Team, JsonObject Properties, JsonObject Relations)
{
    public static EntityContent Of(JsonObject entity) => new(
        entity["title"]?.GetValue<string>(),
        entity["icon"]?.GetValue<string>(),
        entity["team"] as JsonArray ?? [],
        entity["properties"] as JsonObject ?? [],
        entity["relations"] as JsonObject ?? []);

    public bool SameAs(EntityContent other) =>
        string.Equals(Title, other.Title, StringComparison.Ordinal)
        && string.Equals(Icon, other.Icon, StringComparison.Ordinal)
        && JsonNode.DeepEquals(Team, other.Team)
        && JsonNode.DeepEquals(Properties, other.Properties)
        && JsonNode.DeepEquals(Relations, other.Relations);
}

using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;

namespace CopilotIngest.Port.Sink;

/// <summary>
/// Decides which entities of a batch Port already holds with equal values: the title and every property and relation
/// we would send (keys we don't send are left alone by <c>merge=true</c>, so they don't matter).
/// </summary>
internal static class UnchangedFilter
{
    /// <summary>The search that fetches what is needed to compare a batch: its identifiers, and only the keys we send.</summary>
    public static EntitySearchRequest LookupRequest(IReadOnlyList<SerializedEntity> batch)
    {
        var identifiers = new JsonArray();
        var include = new List<string> { "$identifier", "$title" };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            identifiers.Add(item.Identifier);
            AddKeys(item.Entity.Properties, include, seen);
            AddKeys(item.Entity.Relations, include, seen);
        }

        var query = new JsonObject
        {
            ["combinator"] = "and",
            ["rules"] = new JsonArray(new JsonObject
            {
                ["property"] = "$identifier",
                ["operator"] = "in",
                ["value"] = identifiers,
            }),
        };
        return new EntitySearchRequest(query, include, EntitySearchRequest.MaxLimit);
    }

    /// <summary>Splits the batch into entities to send and the number already equal in Port.</summary>
    public static (IReadOnlyList<SerializedEntity> Changed, int Unchanged) Split(IReadOnlyList<SerializedEntity> batch, IEnumerable<JsonObject> existing)
    {
        var byIdentifier = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entity in existing)
        {
            if (entity["identifier"] is JsonValue value && value.TryGetValue<string>(out var identifier))
            {
                byIdentifier[identifier] = entity;
            }
        }

        var changed = new List<SerializedEntity>(batch.Count);
        foreach (var item in batch)
        {
            if (!byIdentifier.TryGetValue(item.Identifier, out var current) || !IsUnchanged(item.Entity, current))
            {
                changed.Add(item);
            }
        }

        return (changed, batch.Count - changed.Count);
    }

    public static bool IsUnchanged(PortEntity entity, JsonObject existing) =>
        JsonEquivalence.AreEquivalent(JsonValue.Create(entity.Title), existing["title"])
        && Contains(existing["properties"] as JsonObject, entity.Properties)
        && Contains(existing["relations"] as JsonObject, entity.Relations);

    private static bool Contains(JsonObject? existing, JsonObject? sent)
    {
        if (sent is null)
        {
            return true;
        }

        foreach (var (key, value) in sent)
        {
            if (!JsonEquivalence.AreEquivalent(value, existing?[key]))
            {
                return false;
            }
        }

        return true;
    }

    private static void AddKeys(JsonObject? values, List<string> include, HashSet<string> seen)
    {
        if (values is null)
        {
            return;
        }

        foreach (var (key, _) in values)
        {
            if (seen.Add(key))
            {
                include.Add(key);
            }
        }
    }
}

using System.Text.Json.Nodes;
using CopilotIngest.Port.Sink;

namespace CopilotIngest.Port.Setup;

/// <summary>
/// Compares a blueprint file with what Port holds, over the keys we own. The data-model keys (schema, relations,
/// mirror/calculation/aggregation properties) are always compared, absent meaning empty; other keys (title, icon,
/// description, …) when the file sets them. Server-added fields (createdAt, updatedBy, …) and empty defaults Port fills
/// in or leaves out (empty lists, <c>false</c>, null) are ignored.
/// </summary>
internal static class BlueprintDiff
{
    public const string Relations = "relations";

    /// <summary>Keys that depend on relations (or on other blueprints' relations): applied after every relation exists.</summary>
    public static readonly IReadOnlyList<string> DependentKeys = ["mirrorProperties", "aggregationProperties", "calculationProperties", "ownership", "teamInheritance"];

    private static readonly string[] s_modelKeys = ["schema", Relations, "mirrorProperties", "calculationProperties", "aggregationProperties"];

    private const int MaxDepth = 3;

    private static readonly string[] s_ownedMaps = [Relations, "mirrorProperties", "calculationProperties", "aggregationProperties"];

    /// <summary>
    /// What Port holds, limited to the members our file declares: properties, relations and computed properties someone
    /// added in Port are left alone (never reported as a change, never removed), so setup settles after one apply.
    /// </summary>
    public static JsonObject OwnedView(JsonObject desired, JsonObject actual)
    {
        var view = (JsonObject)actual.DeepClone();
        foreach (var key in s_ownedMaps)
        {
            KeepDeclared(view[key] as JsonObject, desired[key] as JsonObject);
        }

        KeepDeclared(view["schema"]?["properties"] as JsonObject, desired["schema"]?["properties"] as JsonObject);
        return view;
    }

    private static void KeepDeclared(JsonObject? actual, JsonObject? declared)
    {
        if (actual is null)
        {
            return;
        }

        foreach (var extra in actual.Select(p => p.Key).Where(k => declared?.ContainsKey(k) != true).ToList())
        {
            actual.Remove(extra);
        }
    }

    /// <summary>The top-level keys that differ, in a stable order.</summary>
    public static IReadOnlyList<string> ChangedKeys(JsonObject desired, JsonObject actual) =>
        ComparedKeys(desired).Where(key => !JsonEquivalence.EquivalentIgnoringEmpty(Desired(desired, key), actual[key])).ToList();

    /// <summary>Short paths of what differs, e.g. <c>schema.properties.editor_top (not in Port)</c>.</summary>
    public static IReadOnlyList<string> ChangedPaths(JsonObject desired, JsonObject actual)
    {
        var paths = new List<string>();
        foreach (var key in ComparedKeys(desired))
        {
            Collect(key, Desired(desired, key), actual[key], 1, paths);
        }

        return paths;
    }

    /// <summary>The value to send for <paramref name="key"/>: the file's, or empty for an absent data-model key (clears it).</summary>
    public static JsonNode? Desired(JsonObject desired, string key) =>
        desired[key]?.DeepClone() ?? (s_modelKeys.Contains(key) ? new JsonObject() : null);

    public static bool IsDependent(string key) => key == Relations || DependentKeys.Contains(key);

    private static IEnumerable<string> ComparedKeys(JsonObject desired) =>
        desired.Select(p => p.Key).Where(k => k != "identifier").Union(s_modelKeys, StringComparer.Ordinal);

    private static void Collect(string path, JsonNode? desired, JsonNode? actual, int depth, List<string> paths)
    {
        if (JsonEquivalence.EquivalentIgnoringEmpty(desired, actual))
        {
            return;
        }

        // A whole top-level map missing on one side is described by its members; deeper, a missing member is named itself.
        var desiredObject = desired as JsonObject ?? (depth == 1 && desired is null && actual is JsonObject ? [] : null);
        var actualObject = actual as JsonObject ?? (depth == 1 && actual is null && desired is JsonObject ? [] : null);
        if (desiredObject is not null && actualObject is not null && depth < MaxDepth)
        {
            var keys = desiredObject.Select(p => p.Key).Union(actualObject.Select(p => p.Key), StringComparer.Ordinal);
            foreach (var key in keys)
            {
                Collect($"{path}.{key}", desiredObject[key], actualObject[key], depth + 1, paths);
            }

            return;
        }

        paths.Add(JsonEquivalence.IsEmpty(actual) ? $"{path} (not in Port)" : JsonEquivalence.IsEmpty(desired) ? $"{path} (only in Port)" : path);
    }
}

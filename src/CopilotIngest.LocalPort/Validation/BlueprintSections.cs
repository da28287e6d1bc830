using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>Helpers for the keyed sections of a blueprint (properties, relations, mirror/calculation/aggregation properties).</summary>
internal static class BlueprintSections
{
    public static IEnumerable<(string Key, JsonObject? Value)> Section(JsonNode? node, string name, Problems problems)
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
    public static bool CheckKey(string key, string path, string section, Dictionary<string, string> declared, Problems problems)
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

    public static void CheckAllowedKeys(JsonObject value, IReadOnlySet<string> allowed, string path, Problems problems)
    {
        foreach (var key in value.Select(p => p.Key).Where(k => !allowed.Contains(k)))
        {
            problems.Add(path, $"must NOT have additional properties ('{key}')");
        }
    }
}

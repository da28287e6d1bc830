using System.Text.Json.Nodes;
using CopilotIngest.Port.Sink;

namespace CopilotIngest.Port.Setup;

/// <summary>
/// Whether Port's copy of a page or scorecard holds everything a file declares: every member of the file is equal in
/// Port (missing meaning empty, as <see cref="JsonEquivalence"/> compares values), arrays item by item; members that only
/// Port has (audit fields, defaults it fills in) are not a difference.
/// </summary>
internal static class JsonSubset
{
    public static bool Holds(JsonNode? declared, JsonNode? actual) => declared switch
    {
        JsonObject members => members.All(member => Holds(member.Value, (actual as JsonObject)?[member.Key])) || (JsonEquivalence.IsEmpty(declared) && JsonEquivalence.IsEmpty(actual)),
        JsonArray items => actual is JsonArray actualItems
            ? items.Count == actualItems.Count && items.Select((item, i) => Holds(item, actualItems[i])).All(equal => equal)
            : JsonEquivalence.IsEmpty(declared) && JsonEquivalence.IsEmpty(actual),
        _ => JsonEquivalence.EquivalentIgnoringEmpty(declared, actual),
    };

    /// <summary>The top-level members of <paramref name="declared"/> that Port does not hold as declared.</summary>
    public static IReadOnlyList<string> ChangedKeys(JsonObject declared, JsonObject actual) =>
        [.. declared.Where(member => !Holds(member.Value, actual[member.Key])).Select(member => member.Key)];
}

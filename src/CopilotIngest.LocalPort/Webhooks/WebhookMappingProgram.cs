using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Webhooks;

/// <summary>
/// Turns one mapping of a webhook integration into one jq program over the request (<c>{body, headers, queryParams}</c>):
/// <c>itemsToParse</c> yields the items (each exposed as <c>.item</c>), <c>filter</c> keeps those that match, and every
/// entity field is its own jq expression whose first output is the value. The program never fails: it answers
/// <c>[{"v": entity} | {"e": "why this item failed"}, …]</c>, or <c>{"error": "why the whole mapping failed"}</c>.
/// </summary>
internal static class WebhookMappingProgram
{
    /// <summary>Port parses at most this many items of one request; one more is fetched to tell that the rest would be ignored.</summary>
    public const int MaxItems = 500;

    public static string Build(JsonObject mapping, bool isDelete)
    {
        var filter = Problems.IsString(mapping["filter"], out var f) && f.Trim().Length > 0 ? f : "true";
        var source = Problems.IsString(mapping["itemsToParse"], out var items) && items.Trim().Length > 0
            ? $"(($ctx | ({Expression(items)})) | if type == \"array\" then .[] else error(\"itemsToParse must yield an array, got \" + type) end) as $item | ($ctx + {{item: $item}})"
            : "$ctx";
        var entity = mapping["entity"] as JsonObject ?? [];
        return ". as $ctx | try ([limit(" + (MaxItems + 1) + "; " + source + " | select(" + Truthy(filter) + "))"
            + " | try {v: " + Entity(entity, isDelete) + "} catch {e: (. | tostring)}]) catch {error: (. | tostring)}";
    }

    private static string Entity(JsonObject entity, bool isDelete)
    {
        var fields = new List<string> { Field("identifier", entity["identifier"], "identifier") };
        if (!isDelete)
        {
            foreach (var key in new[] { "title", "icon", "team" })
            {
                if (entity[key] is not null)
                {
                    fields.Add(Field(key, entity[key], key));
                }
            }

            fields.Add(Quote("properties") + ": " + Section(entity["properties"] as JsonObject, "property"));
            fields.Add(Quote("relations") + ": " + Section(entity["relations"] as JsonObject, "relation"));
        }

        return "{" + string.Join(", ", fields) + "}";
    }

    private static string Section(JsonObject? section, string kind) =>
        "{" + string.Join(", ", (section ?? []).Select(p => Field(p.Key, p.Value, $"{kind} \"{p.Key}\""))) + "}";

    /// <summary>A string is a jq expression (first output wins, its error named); any other JSON (a search query object) is a literal.</summary>
    private static string Field(string key, JsonNode? value, string label) =>
        Quote(key) + ": " + (Problems.IsString(value, out var expression)
            ? $"(try ([({Expression(expression)})] | .[0]) catch error({Quote(label + ": ")} + (. | tostring)))"
            : $"({value?.ToJsonString() ?? "null"})");

    private static string Truthy(string filter) => $"([({Expression(filter)})] | .[0]) as $match | ($match != null and $match != false)";

    // Newlines keep a trailing '#' comment in a user's expression from swallowing the rest of the program.
    private static string Expression(string expression) => "\n" + expression + "\n";

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString();
}

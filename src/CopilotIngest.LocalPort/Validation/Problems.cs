using System.Text.Json;
using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>Collects validation problems as "path message" lines, the way Port's route validation words them.</summary>
internal sealed class Problems
{
    private readonly List<string> _items = [];

    public bool Any => _items.Count > 0;

    public IReadOnlyList<string> Items => _items;

    public void Add(string path, string message) => _items.Add(path.Length == 0 ? message : $"{path} {message}");

    public void AddRaw(string message) => _items.Add(message);

    public override string ToString() => string.Join("; ", _items);

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "value",
    };

    public static bool IsString(JsonNode? node, out string text)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = value.GetValue<string>();
            return true;
        }

        text = string.Empty;
        return false;
    }

    public static bool IsNumber(JsonNode? node, out double number)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            number = value.TryGetValue<double>(out var direct)
                ? direct
                : double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }

        number = 0;
        return false;
    }

    public static bool IsBoolean(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False;
}

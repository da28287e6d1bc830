using System.Text.Json;
using System.Text.Json.Nodes;

namespace CopilotIngest.Port.Setup;

/// <summary>Reads a folder of <c>*.json</c> files, one JSON object per file, in name order; every problem names the file.</summary>
internal static class ConfigFiles
{
    private static readonly JsonDocumentOptions s_strict = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>The files of <paramref name="directory"/>; empty when the folder does not exist.</summary>
    public static IReadOnlyList<(string File, JsonObject Value)> ReadOptional(string? directory, string what)
    {
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(file => (file, ReadObject(file, what)))];
    }

    public static JsonObject ReadObject(string file, string what)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(file), documentOptions: s_strict);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file} is not valid JSON: {ex.Message}", ex);
        }

        return node as JsonObject ?? throw new InvalidDataException($"{file} must hold one {what} as a JSON object.");
    }

    /// <summary>The string at <paramref name="key"/>, or an error naming the file.</summary>
    public static string RequiredString(JsonObject value, string key, string file) =>
        value[key] is JsonValue text && text.TryGetValue<string>(out var result) && !string.IsNullOrWhiteSpace(result)
            ? result
            : throw new InvalidDataException($"{file}: \"{key}\" is required (a non-empty string).");
}

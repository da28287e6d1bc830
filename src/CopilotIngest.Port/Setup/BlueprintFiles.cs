using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CopilotIngest.Port.Setup;

/// <summary>Reads <c>configs/blueprints/*.json</c>: one blueprint object per file. Every problem names the file.</summary>
internal static partial class BlueprintFiles
{
    private static readonly JsonDocumentOptions s_strict = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static IReadOnlyList<(string File, string Identifier, JsonObject Blueprint)> Read(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new InvalidDataException($"The blueprint directory '{directory}' does not exist.");
        }

        var files = Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"The blueprint directory '{directory}' holds no *.json files.");
        }

        var result = new List<(string, string, JsonObject)>(files.Count);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var (identifier, blueprint) = ReadOne(file);
            if (seen.TryGetValue(identifier, out var other))
            {
                throw new InvalidDataException($"{file}: blueprint '{identifier}' is also defined in {other}.");
            }

            seen[identifier] = file;
            result.Add((file, identifier, blueprint));
        }

        return result;
    }

    private static (string Identifier, JsonObject Blueprint) ReadOne(string file)
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

        if (node is not JsonObject blueprint)
        {
            throw new InvalidDataException($"{file} must hold one blueprint as a JSON object.");
        }

        if (blueprint["identifier"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var identifier) || !BlueprintIdentifier().IsMatch(identifier) || identifier.Length > 100)
        {
            throw new InvalidDataException($"{file}: \"identifier\" must be a string of at most 100 letters, digits and @ _ . + : \\ / -.");
        }

        if (blueprint["title"] is not JsonValue titleValue || !titleValue.TryGetValue<string>(out var title) || string.IsNullOrWhiteSpace(title))
        {
            throw new InvalidDataException($"{file}: \"title\" is required (a non-empty string).");
        }

        if (blueprint["schema"] is not JsonObject schema || schema["properties"] is not JsonObject)
        {
            throw new InvalidDataException($"{file}: \"schema\" is required, with a \"properties\" object.");
        }

        return (identifier, blueprint);
    }

    [GeneratedRegex(@"^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/-]+$")]
    private static partial Regex BlueprintIdentifier();
}

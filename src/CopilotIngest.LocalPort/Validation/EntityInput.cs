using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;

namespace CopilotIngest.LocalPort.Validation;

/// <summary>An entity as a client sent it, after the checks of Port's route schema (shape, identifier pattern, relation ids).</summary>
internal sealed record EntityInput(
    string Identifier,
    bool HasTitle,
    string? Title,
    bool HasIcon,
    string? Icon,
    JsonArray? Team,
    JsonObject? Properties,
    JsonObject? Relations)
{
    /// <summary>Reads an entity body; adds route-schema problems under <paramref name="path"/> and returns null when there are any.</summary>
    /// <param name="identifierFromPath">The identifier in the URL (PUT/PATCH); a body identifier must then agree with it.</param>
    public static EntityInput? Parse(JsonNode? node, string path, string? identifierFromPath, Problems problems)
    {
        var before = problems.Items.Count;
        if (node is not JsonObject body)
        {
            problems.Add(path, "must be object");
            return null;
        }

        var identifier = ReadIdentifier(body["identifier"], path + "/identifier", identifierFromPath, problems);
        var hasTitle = body.ContainsKey("title");
        string? title = null;
        if (body["title"] is { } titleNode && !Problems.IsString(titleNode, out title))
        {
            problems.Add(path + "/title", "must be string");
        }

        var hasIcon = body.ContainsKey("icon");
        string? icon = null;
        if (body["icon"] is { } iconNode && !Problems.IsString(iconNode, out icon))
        {
            problems.Add(path + "/icon", "must be string");
        }

        var team = ReadTeam(body, path, problems);
        var properties = ReadObject(body, "properties", path, problems);
        var relations = ReadObject(body, "relations", path, problems);
        if (relations is not null)
        {
            CheckRelationValues(relations, path + "/relations", problems);
        }

        return problems.Items.Count > before
            ? null
            : new EntityInput(identifier!, hasTitle, title, hasIcon, icon, team, properties, relations);
    }

    private static string? ReadIdentifier(JsonNode? node, string path, string? identifierFromPath, Problems problems)
    {
        if (node is null)
        {
            return identifierFromPath ?? "e_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        }

        if (node is JsonObject)
        {
            problems.Add(path, "is a search query; the local Port accepts literal identifiers only");
            return null;
        }

        if (!Problems.IsString(node, out var identifier))
        {
            problems.Add(path, "must be string");
            return null;
        }

        if (identifier.Length > PortIdentifier.MaxLength)
        {
            problems.Add(path, $"must NOT have more than {PortIdentifier.MaxLength} characters");
            return null;
        }

        if (!PortIdentifier.IsValid(identifier))
        {
            problems.Add(path, $"must match pattern \"{Patterns.EntityIdentifierText}\"");
            return null;
        }

        if (identifierFromPath is not null && !string.Equals(identifier, identifierFromPath, StringComparison.Ordinal))
        {
            problems.Add(path, $"must equal the identifier in the URL (\"{identifierFromPath}\")");
            return null;
        }

        return identifier;
    }

    private static JsonArray? ReadTeam(JsonObject body, string path, Problems problems)
    {
        switch (body["team"])
        {
            case null:
                return body.ContainsKey("team") ? [] : null;
            case JsonArray teams when teams.All(t => Problems.IsString(t, out _)):
                return (JsonArray)teams.DeepClone();
            case JsonValue single when Problems.IsString(single, out var name):
                return [name];
            default:
                problems.Add(path + "/team", "must be string or array of strings");
                return null;
        }
    }

    private static JsonObject? ReadObject(JsonObject body, string name, string path, Problems problems)
    {
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        if (node is JsonObject value)
        {
            return (JsonObject)value.DeepClone();
        }

        problems.Add($"{path}/{name}", "must be object");
        return null;
    }

    private static void CheckRelationValues(JsonObject relations, string path, Problems problems)
    {
        foreach (var (key, value) in relations)
        {
            var at = $"{path}/{key}";
            switch (value)
            {
                case null:
                case JsonObject:
                    break;
                case JsonArray many:
                    for (var i = 0; i < many.Count; i++)
                    {
                        CheckRelationIdentifier(many[i], $"{at}/{i}", problems);
                    }

                    break;
                default:
                    CheckRelationIdentifier(value, at, problems);
                    break;
            }
        }
    }

    private static void CheckRelationIdentifier(JsonNode? node, string path, Problems problems)
    {
        if (!Problems.IsString(node, out var identifier))
        {
            problems.Add(path, "must be string");
        }
        else if (!PortIdentifier.IsValid(identifier))
        {
            problems.Add(path, $"must match pattern \"{Patterns.EntityIdentifierText}\"");
        }
    }
}

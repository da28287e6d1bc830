using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.LocalPort.Search;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Scorecards;

/// <summary>Checks a scorecard: identifier, title, levels, rules (unique ids, known level) and conditions on known fields.</summary>
internal static class ScorecardValidator
{
    public const int MaxIdentifier = 100;

    public static readonly IReadOnlySet<string> Operators = new HashSet<string>(StringComparer.Ordinal)
    {
        "=", "!=", ">", "<", ">=", "<=", "contains", "doesNotContains", "beginsWith", "doesNotBeginsWith", "endsWith", "doesNotEndsWith",
        "between", "notBetween", "containsAny", "in", "isEmpty", "isNotEmpty",
    };

    /// <summary>Port's levels when a scorecard names none; the first one means "no rule passed".</summary>
    public static JsonArray DefaultLevels() =>
    [
        new JsonObject { ["color"] = "paleBlue", ["title"] = "Basic" },
        new JsonObject { ["color"] = "bronze", ["title"] = "Bronze" },
        new JsonObject { ["color"] = "silver", ["title"] = "Silver" },
        new JsonObject { ["color"] = "gold", ["title"] = "Gold" },
    ];

    public static void Validate(JsonObject scorecard, BlueprintDefinition blueprint, string path, Problems problems)
    {
        if (!Problems.IsString(scorecard["identifier"], out var identifier))
        {
            problems.Add(path, "must have required property 'identifier'");
        }
        else if (identifier.Length > MaxIdentifier || !PortIdentifier.IsValid(identifier))
        {
            problems.Add(path + "/identifier", $"must match pattern \"{Patterns.EntityIdentifierText}\" and have at most {MaxIdentifier} characters");
        }

        if (!Problems.IsString(scorecard["title"], out _))
        {
            problems.Add(path, "must have required property 'title'");
        }

        var levels = ValidateLevels(scorecard["levels"], path + "/levels", problems);
        if (scorecard["filter"] is { } filter)
        {
            ValidateQuery(filter, blueprint, path + "/filter", problems);
        }

        if (scorecard["rules"] is not JsonArray rules)
        {
            problems.Add(path, "must have required property 'rules' (an array)");
            return;
        }

        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var at = $"{path}/rules/{i}";
            if (rules[i] is not JsonObject rule)
            {
                problems.Add(at, "must be object");
                continue;
            }

            if (!Problems.IsString(rule["identifier"], out var ruleId) || !Patterns.IsKey(ruleId))
            {
                problems.Add(at + "/identifier", $"must match pattern \"{Patterns.KeyText}\" and have at most {Patterns.MaxKey} characters");
            }
            else if (!ruleIds.Add(ruleId))
            {
                problems.Add(at + "/identifier", $"\"{ruleId}\" is used by another rule of this scorecard");
            }

            if (!Problems.IsString(rule["title"], out _))
            {
                problems.Add(at, "must have required property 'title'");
            }

            if (!Problems.IsString(rule["level"], out var level) || !levels.Contains(level) || level == levels[0])
            {
                problems.Add(at + "/level", $"must be one of the scorecard's levels except the first: {string.Join(", ", levels.Skip(1))}");
            }

            ValidateQuery(rule["query"], blueprint, at + "/query", problems);
        }
    }

    private static List<string> ValidateLevels(JsonNode? node, string path, Problems problems)
    {
        if (node is null)
        {
            return ["Basic", "Bronze", "Silver", "Gold"];
        }

        var titles = new List<string>();
        if (node is not JsonArray { Count: > 0 } levels)
        {
            problems.Add(path, "must be a non-empty array");
            return titles;
        }

        for (var i = 0; i < levels.Count; i++)
        {
            if (!Problems.IsString((levels[i] as JsonObject)?["title"], out var title))
            {
                problems.Add($"{path}/{i}", "must have required property 'title'");
                continue;
            }

            titles.Add(title);
            if (!Problems.IsString((levels[i] as JsonObject)?["color"], out var color) || !Patterns.Colors.Contains(color))
            {
                problems.Add($"{path}/{i}/color", "must be one of " + string.Join(", ", Patterns.Colors));
            }
        }

        return titles;
    }

    private static void ValidateQuery(JsonNode? node, BlueprintDefinition blueprint, string path, Problems problems)
    {
        if (node is not JsonObject query)
        {
            problems.Add(path, "must be object");
            return;
        }

        if (!Problems.IsString(query["combinator"], out var combinator) || combinator is not ("and" or "or"))
        {
            problems.Add(path + "/combinator", "must be equal to one of the allowed values: and, or");
        }

        if (query["conditions"] is not JsonArray { Count: > 0 } conditions)
        {
            problems.Add(path + "/conditions", "must be an array with at least 1 item");
            return;
        }

        for (var i = 0; i < conditions.Count; i++)
        {
            ValidateCondition(conditions[i], blueprint, $"{path}/conditions/{i}", problems);
        }
    }

    private static void ValidateCondition(JsonNode? node, BlueprintDefinition blueprint, string path, Problems problems)
    {
        if (node is not JsonObject condition)
        {
            problems.Add(path, "must be object");
            return;
        }

        if (!Problems.IsString(condition["operator"], out var op) || !Operators.Contains(op))
        {
            problems.Add(path + "/operator", "must be one of " + string.Join(", ", Operators));
        }
        else if (op is not ("isEmpty" or "isNotEmpty") && !condition.ContainsKey("value"))
        {
            problems.Add(path, "must have required property 'value'");
        }

        if (Problems.IsString(condition["relation"], out var relation))
        {
            if (!blueprint.Relations.ContainsKey(relation))
            {
                problems.Add(path + "/relation", $"\"{relation}\" is not a relation of blueprint \"{blueprint.Identifier}\"");
            }
        }
        else if (!Problems.IsString(condition["property"], out var property))
        {
            problems.Add(path, "must have required property 'property' or 'relation'");
        }
        else if (!EntityFields.TryGetMeta(property, out _) && !blueprint.Properties.ContainsKey(property) && !blueprint.Computed.Contains(property))
        {
            problems.Add(path + "/property", $"\"{property}\" is not a property of blueprint \"{blueprint.Identifier}\"");
        }
    }
}

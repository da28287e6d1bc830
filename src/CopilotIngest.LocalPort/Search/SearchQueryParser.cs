using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Search;

/// <summary>Reads Port's search query JSON (<c>{combinator, rules}</c>, nested) into <see cref="SearchNode"/>s, reporting every problem.</summary>
internal static class SearchQueryParser
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string>(StringComparer.Ordinal)
    {
        "=", "!=", ">", ">=", "<", "<=", "in", "notIn", "contains", "doesNotContains", "containsAny", "beginsWith", "doesNotBeginsWith",
        "endsWith", "doesNotEndsWith", "isEmpty", "isNotEmpty", "between", "notBetween", "relatedTo",
    };

    private static readonly HashSet<string> s_presets = new HashSet<string>(StringComparer.Ordinal)
    {
        "today", "tomorrow", "yesterday", "lastDay", "lastWeek", "last2Weeks", "lastMonth", "last3Months", "last6Months", "last12Months",
    };

    public static SearchNode? Parse(JsonNode? node, string path, Problems problems)
    {
        var before = problems.Items.Count;
        var result = ParseGroup(node, path, problems);
        return problems.Items.Count > before ? null : result;
    }

    private static SearchGroup? ParseGroup(JsonNode? node, string path, Problems problems)
    {
        if (node is not JsonObject group)
        {
            problems.Add(path, "must be object");
            return null;
        }

        var isAnd = true;
        if (!Problems.IsString(group["combinator"], out var combinator))
        {
            problems.Add(path, "must have required property 'combinator'");
        }
        else if (combinator is not ("and" or "or"))
        {
            problems.Add(path + "/combinator", "must be equal to one of the allowed values: and, or");
        }
        else
        {
            isAnd = combinator == "and";
        }

        if (group["rules"] is not JsonArray rules)
        {
            problems.Add(path, "must have required property 'rules' (an array)");
            return null;
        }

        var parsed = new List<SearchNode>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rulePath = $"{path}/rules/{i}";
            var rule = rules[i] is JsonObject candidate && candidate.ContainsKey("combinator")
                ? ParseGroup(candidate, rulePath, problems)
                : ParseRule(rules[i], rulePath, problems);
            if (rule is not null)
            {
                parsed.Add(rule);
            }
        }

        return new SearchGroup(isAnd, parsed);
    }

    private static SearchNode? ParseRule(JsonNode? node, string path, Problems problems)
    {
        if (node is not JsonObject rule)
        {
            problems.Add(path, "must be object");
            return null;
        }

        if (!Problems.IsString(rule["operator"], out var op))
        {
            problems.Add(path, "must have required property 'operator'");
            return null;
        }

        if (!Operators.Contains(op))
        {
            problems.Add(path + "/operator", $"\"{op}\" is not an operator the local Port supports ({string.Join(", ", Operators)})");
            return null;
        }

        return op == "relatedTo" ? ParseRelatedTo(rule, path, problems) : ParsePropertyRule(rule, op, path, problems);
    }

    private static PropertyRule? ParsePropertyRule(JsonObject rule, string op, string path, Problems problems)
    {
        if (!Problems.IsString(rule["property"], out var property) || property.Length == 0)
        {
            problems.Add(path, rule["property"] is JsonObject
                ? "property with a context (user/userTeams) is not supported by the local Port"
                : "must have required property 'property'");
            return null;
        }

        var value = rule["value"];
        switch (op)
        {
            case "isEmpty" or "isNotEmpty":
                return new PropertyRule(property, op, null);
            case "in" or "notIn" or "containsAny" when value is not JsonArray:
                problems.Add(path + "/value", "must be array");
                return null;
            case "between" or "notBetween" when !IsDateRange(value):
                problems.Add(path + "/value", "must be a date range {\"from\", \"to\"} or {\"preset\"} (" + string.Join(", ", s_presets) + ")");
                return null;
            case ">" or ">=" or "<" or "<=" when !Problems.IsNumber(value, out _) && !Problems.IsString(value, out _):
                problems.Add(path + "/value", "must be number or date-time string");
                return null;
            case "contains" or "doesNotContains" or "beginsWith" or "doesNotBeginsWith" or "endsWith" or "doesNotEndsWith"
                when !Problems.IsString(value, out _) && !Problems.IsNumber(value, out _):
                problems.Add(path + "/value", "must be string");
                return null;
            case "=" or "!=" when !rule.ContainsKey("value"):
                problems.Add(path, "must have required property 'value'");
                return null;
            default:
                return new PropertyRule(property, op, value?.DeepClone());
        }
    }

    private static RelatedToRule? ParseRelatedTo(JsonObject rule, string path, Problems problems)
    {
        if (!Problems.IsString(rule["blueprint"], out var blueprint))
        {
            problems.Add(path, "must have required property 'blueprint'");
            return null;
        }

        var identifiers = rule["value"] switch
        {
            JsonArray many when many.All(v => Problems.IsString(v, out _)) => many.Select(v => v!.GetValue<string>()).ToList(),
            JsonValue single when Problems.IsString(single, out var one) => [one],
            _ => null,
        };
        if (identifiers is null)
        {
            problems.Add(path + "/value", "must be string or array of strings");
            return null;
        }

        string? direction = null;
        if (rule["direction"] is { } directionNode && (!Problems.IsString(directionNode, out direction) || direction is not ("upstream" or "downstream")))
        {
            problems.Add(path + "/direction", "must be equal to one of the allowed values: upstream, downstream");
            return null;
        }

        return new RelatedToRule(blueprint, identifiers, direction);
    }

    private static bool IsDateRange(JsonNode? value) => value is JsonObject range
        && ((Problems.IsString(range["preset"], out var preset) && s_presets.Contains(preset))
            || (Problems.IsString(range["from"], out var from) && ValueFormats.IsDateTime(from)
                && Problems.IsString(range["to"], out var to) && ValueFormats.IsDateTime(to)));
}

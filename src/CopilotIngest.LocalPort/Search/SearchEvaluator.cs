using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Search;

/// <summary>Decides whether an entity matches a parsed query. String operators are case-sensitive (ordinal).</summary>
internal sealed class SearchEvaluator(DateTimeOffset now, IReadOnlyDictionary<RelatedToRule, IReadOnlySet<EntityKey>> related)
{
    public bool Matches(JsonObject entity, SearchNode node) => node switch
    {
        SearchGroup { IsAnd: true } group => group.Rules.All(rule => Matches(entity, rule)),
        SearchGroup group => group.Rules.Count == 0 || group.Rules.Any(rule => Matches(entity, rule)),
        RelatedToRule rule => related.TryGetValue(rule, out var keys) && keys.Contains(KeyOf(entity)),
        PropertyRule rule => Matches(EntityFields.Get(entity, rule.Property), rule),
        _ => false,
    };

    private static EntityKey KeyOf(JsonObject entity) =>
        new(entity["blueprint"]?.GetValue<string>() ?? string.Empty, entity["identifier"]?.GetValue<string>() ?? string.Empty);

    private bool Matches(JsonNode? actual, PropertyRule rule) => rule.Operator switch
    {
        "=" => AreEqual(actual, rule.Value),
        "!=" => !AreEqual(actual, rule.Value),
        ">" => Compare(actual, rule.Value) > 0,
        ">=" => Compare(actual, rule.Value) >= 0,
        "<" => Compare(actual, rule.Value) is < 0 and not int.MinValue,
        "<=" => Compare(actual, rule.Value) is <= 0 and not int.MinValue,
        "in" or "containsAny" => IsIn(actual, (JsonArray)rule.Value!),
        "notIn" => !IsIn(actual, (JsonArray)rule.Value!),
        "contains" => Contains(actual, rule.Value),
        "doesNotContains" => !Contains(actual, rule.Value),
        "beginsWith" => Text(actual, rule.Value, (a, b) => a.StartsWith(b, StringComparison.Ordinal)),
        "doesNotBeginsWith" => !Text(actual, rule.Value, (a, b) => a.StartsWith(b, StringComparison.Ordinal)),
        "endsWith" => Text(actual, rule.Value, (a, b) => a.EndsWith(b, StringComparison.Ordinal)),
        "doesNotEndsWith" => !Text(actual, rule.Value, (a, b) => a.EndsWith(b, StringComparison.Ordinal)),
        "isEmpty" => IsEmpty(actual),
        "isNotEmpty" => !IsEmpty(actual),
        "between" => IsBetween(actual, (JsonObject)rule.Value!),
        "notBetween" => !IsBetween(actual, (JsonObject)rule.Value!),
        _ => false,
    };

    private static bool AreEqual(JsonNode? actual, JsonNode? expected)
    {
        if (actual is null || expected is null)
        {
            return actual is null && expected is null;
        }

        if (Problems.IsNumber(actual, out var a) && Problems.IsNumber(expected, out var b))
        {
            return a.Equals(b);
        }

        if (Problems.IsString(actual, out var left) && Problems.IsString(expected, out var right))
        {
            return string.Equals(left, right, StringComparison.Ordinal)
                || (ValueFormats.TryParseDateTime(left, out var l) && ValueFormats.TryParseDateTime(right, out var r) && l == r);
        }

        return JsonNode.DeepEquals(actual, expected);
    }

    /// <summary>Orders numbers numerically and date-times by instant, other strings ordinally; int.MinValue when not comparable.</summary>
    private static int Compare(JsonNode? actual, JsonNode? expected)
    {
        if (Problems.IsNumber(actual, out var a) && Problems.IsNumber(expected, out var b))
        {
            return a.CompareTo(b);
        }

        if (Problems.IsString(actual, out var left) && Problems.IsString(expected, out var right))
        {
            return ValueFormats.TryParseDateTime(left, out var l) && ValueFormats.TryParseDateTime(right, out var r)
                ? l.CompareTo(r)
                : Math.Sign(string.CompareOrdinal(left, right));
        }

        return int.MinValue;
    }

    private static bool IsIn(JsonNode? actual, JsonArray candidates) => actual is JsonArray values
        ? values.Any(v => candidates.Any(c => AreEqual(v, c)))
        : candidates.Any(c => AreEqual(actual, c));

    private static bool Contains(JsonNode? actual, JsonNode? expected) => actual switch
    {
        JsonArray values => values.Any(v => AreEqual(v, expected)),
        _ => Text(actual, expected, (a, b) => a.Contains(b, StringComparison.Ordinal)),
    };

    private static bool Text(JsonNode? actual, JsonNode? expected, Func<string, string, bool> test)
    {
        if (!Problems.IsString(actual, out var text))
        {
            return false;
        }

        var needle = Problems.IsString(expected, out var s) ? s : expected?.ToJsonString() ?? string.Empty;
        return test(text, needle);
    }

    private static bool IsEmpty(JsonNode? actual) => actual switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        _ => Problems.IsString(actual, out var text) && text.Length == 0,
    };

    private bool IsBetween(JsonNode? actual, JsonObject range)
    {
        if (!Problems.IsString(actual, out var text) || !ValueFormats.TryParseDateTime(text, out var instant))
        {
            return false;
        }

        var (from, to) = DateRanges.Resolve(range, now);
        return instant >= from && instant <= to;
    }
}

using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Search;

/// <summary>
/// Finds, from a query's <c>$identifier</c> <c>=</c>/<c>in</c> rules, a set of identifiers that holds every entity the query can
/// match, so a search reads those rows by primary key instead of scanning the blueprint. The evaluator still tests each row,
/// so the set only has to be a superset. Null means "not bounded": the query must scan.
/// </summary>
internal static class IdentifierCandidates
{
    public static IReadOnlySet<string>? Of(SearchNode query) => query switch
    {
        PropertyRule { Property: "$identifier" } rule => OfRule(rule),
        SearchGroup { IsAnd: true } group => Intersect(group.Rules),
        SearchGroup group => Union(group.Rules),
        _ => null,
    };

    private static HashSet<string>? OfRule(PropertyRule rule) => rule.Operator switch
    {
        "=" => Values([rule.Value]),
        "in" or "containsAny" when rule.Value is JsonArray candidates => Values(candidates),
        _ => null,
    };

    /// <summary>
    /// The identifiers a rule value can equal. Identifiers are strings, so other values match nothing; a date-time string also
    /// equals any identifier naming the same instant (the evaluator compares date-times by instant), so it is not bounded.
    /// </summary>
    private static HashSet<string>? Values(IEnumerable<JsonNode?> values)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (!Problems.IsString(value, out var text))
            {
                continue;
            }

            if (ValueFormats.IsDateTime(text))
            {
                return null;
            }

            result.Add(text);
        }

        return result;
    }

    /// <summary>An <c>and</c> group matches only what each bounded rule matches; unbounded rules don't narrow it.</summary>
    private static HashSet<string>? Intersect(IReadOnlyList<SearchNode> rules)
    {
        HashSet<string>? result = null;
        foreach (var set in rules.Select(Of).OfType<IReadOnlySet<string>>())
        {
            if (result is null)
            {
                result = new HashSet<string>(set, StringComparer.Ordinal);
            }
            else
            {
                result.IntersectWith(set);
            }
        }

        return result;
    }

    /// <summary>An <c>or</c> group is bounded only when every rule is (an empty one matches everything).</summary>
    private static HashSet<string>? Union(IReadOnlyList<SearchNode> rules)
    {
        if (rules.Count == 0)
        {
            return null;
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (Of(rule) is not { } set)
            {
                return null;
            }

            result.UnionWith(set);
        }

        return result;
    }
}

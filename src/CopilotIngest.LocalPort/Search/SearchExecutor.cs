using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Storage;

namespace CopilotIngest.LocalPort.Search;

/// <summary>One page of search results and the cursor of the next page, if any.</summary>
internal sealed record SearchPage(IReadOnlyList<JsonObject> Entities, string? Next);

/// <summary>
/// Runs a parsed query by streaming entities in identifier order and testing each one, so memory stays bounded by the page size.
/// The primary key narrows what is read: <c>$identifier =</c>/<c>in</c> rules (see <see cref="IdentifierCandidates"/>) become
/// lookups of just those rows, and a top-level <c>$identifier beginsWith</c> rule and the cursor become a key range.
/// </summary>
internal static class SearchExecutor
{
    public static async Task<SearchPage> SearchAsync(
        DbSession session,
        string? blueprint,
        SearchNode query,
        int limit,
        string? after,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var evaluator = await CreateEvaluatorAsync(session, query, now, cancellationToken);
        var page = new List<JsonObject>();
        string? next = null;
        await foreach (var entity in ReadAsync(session, blueprint, query, after, cancellationToken))
        {
            if (!evaluator.Matches(entity, query))
            {
                continue;
            }

            if (page.Count == limit)
            {
                next = SearchCursor.Encode(page[^1]["identifier"]!.GetValue<string>());
                break;
            }

            page.Add(entity);
        }

        return new SearchPage(page, next);
    }

    /// <summary>Streams every matching entity (all blueprints when <paramref name="blueprint"/> is null).</summary>
    public static async IAsyncEnumerable<JsonObject> StreamAsync(
        DbSession session,
        string? blueprint,
        SearchNode query,
        DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var evaluator = await CreateEvaluatorAsync(session, query, now, cancellationToken);
        await foreach (var entity in ReadAsync(session, blueprint, query, null, cancellationToken))
        {
            if (evaluator.Matches(entity, query))
            {
                yield return entity;
            }
        }
    }

    /// <summary>The blueprints a query is limited to by a top-level <c>$blueprint =</c> or <c>in</c> rule; null when not limited.</summary>
    public static IReadOnlyList<string>? Blueprints(SearchNode query)
    {
        if (query is not SearchGroup { IsAnd: true } group)
        {
            return null;
        }

        foreach (var rule in group.Rules.OfType<PropertyRule>().Where(r => r.Property == "$blueprint"))
        {
            switch (rule.Operator)
            {
                case "=" when rule.Value is JsonValue value && value.TryGetValue<string>(out var single):
                    return [single];
                case "in" when rule.Value is JsonArray many:
                    return [.. many.Select(v => v is JsonValue item && item.TryGetValue<string>(out var text) ? text : null).OfType<string>()];
            }
        }

        return null;
    }

    /// <summary>The rows that can match <paramref name="query"/>, in identifier order: a superset of the matches.</summary>
    private static IAsyncEnumerable<JsonObject> ReadAsync(DbSession session, string? blueprint, SearchNode query, string? after, CancellationToken cancellationToken)
    {
        var prefix = IdentifierPrefix(query);
        return blueprint is not null && IdentifierCandidates.Of(query) is { } identifiers
            ? EntityRows.LookupAsync(session, blueprint, identifiers, after, prefix, cancellationToken)
            : EntityRows.ScanAsync(session, blueprint, after, prefix, cancellationToken);
    }

    private static string? IdentifierPrefix(SearchNode query) =>
        query is SearchGroup { IsAnd: true } group
            ? group.Rules.OfType<PropertyRule>()
                .Where(r => r is { Property: "$identifier", Operator: "beginsWith" })
                .Select(r => r.Value is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null)
                .FirstOrDefault(p => p is not null)
            : null;

    private static async Task<SearchEvaluator> CreateEvaluatorAsync(DbSession session, SearchNode query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var related = new Dictionary<RelatedToRule, IReadOnlySet<EntityKey>>(ReferenceEqualityComparer.Instance);
        foreach (var rule in RelatedRules(query))
        {
            var keys = new HashSet<EntityKey>();
            foreach (var identifier in rule.Identifiers)
            {
                if (rule.Direction is null or "upstream")
                {
                    keys.UnionWith(await EntityRows.TargetsAsync(session, rule.Blueprint, identifier, cancellationToken));
                }

                if (rule.Direction is null or "downstream")
                {
                    foreach (var dependent in await EntityRows.DependentsAsync(session, rule.Blueprint, identifier, cancellationToken))
                    {
                        keys.Add(new EntityKey(dependent.Blueprint, dependent.Identifier));
                    }
                }
            }

            related[rule] = keys;
        }

        return new SearchEvaluator(now, related);
    }

    private static IEnumerable<RelatedToRule> RelatedRules(SearchNode node) => node switch
    {
        RelatedToRule rule => [rule],
        SearchGroup group => group.Rules.SelectMany(RelatedRules),
        _ => [],
    };
}

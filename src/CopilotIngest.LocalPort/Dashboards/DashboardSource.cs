using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Calculations;
using CopilotIngest.LocalPort.Search;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Dashboards;

/// <summary>The entities of one blueprint as widgets see them: calculation properties added; a note when they could not be.</summary>
internal sealed record BlueprintData(bool Exists, IReadOnlyList<JsonObject> Entities, string? CalculationProblem);

/// <summary>
/// Reads what a dashboard needs from the local Port, once per blueprint per rendering: the stored entities with their
/// calculation properties (computed with jq), and filters them with Port's query rules as the search API does.
/// </summary>
internal sealed class DashboardSource(LocalPortDatabase database, DateTimeOffset now)
{
    private readonly Dictionary<string, BlueprintData> _cache = new(StringComparer.Ordinal);

    public DateTimeOffset Now { get; } = now;

    public async Task<BlueprintData> LoadAsync(string blueprint, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(blueprint, out var cached))
        {
            return cached;
        }

        var (definition, entities) = await database.ReadAsync(
            async session => (await BlueprintRows.GetAsync(session, blueprint, cancellationToken),
                await EntityRows.ScanAsync(session, blueprint, null, null, cancellationToken).ToListAsync(cancellationToken)),
            cancellationToken);
        string? problem = null;
        if (definition is not null)
        {
            try
            {
                await CalculationProperties.ApplyAsync(definition, entities, cancellationToken);
            }
            catch (JqUnavailableException ex)
            {
                problem = ex.Message;
            }
        }

        var data = new BlueprintData(definition is not null, entities, problem);
        _cache[blueprint] = data;
        return data;
    }

    /// <summary>Every scorecard the local Port holds, of every blueprint.</summary>
    public Task<List<JsonObject>> ScorecardsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(session => DocumentRows.ListAsync(session, DocumentRows.Scorecard, null, cancellationToken).ToListAsync(cancellationToken).AsTask(), cancellationToken);

    /// <summary>The entities matching every given query (<c>{combinator, rules}</c> or a bare rules array); null queries are skipped.</summary>
    public IReadOnlyList<JsonObject> Filter(IReadOnlyList<JsonObject> entities, params JsonNode?[] queries)
    {
        var parsed = new List<SearchNode>();
        foreach (var query in queries.Where(q => q is not null))
        {
            var group = query is JsonArray rules ? new JsonObject { ["combinator"] = "and", ["rules"] = rules.DeepClone() } : query;
            var problems = new Problems();
            var node = SearchQueryParser.Parse(group, "dataset", problems);
            if (node is null)
            {
                throw new InvalidDataException("The widget's filter is not a valid Port query: " + problems.ToString());
            }

            parsed.Add(node);
        }

        var evaluator = new SearchEvaluator(Now, new Dictionary<RelatedToRule, IReadOnlySet<EntityKey>>());
        return [.. entities.Where(entity => parsed.All(query => evaluator.Matches(entity, query)))];
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Catalog;

namespace CopilotIngest.Port;

/// <summary>
/// Reads our blueprint and the relation's target blueprint from Port once per relation and run
/// (<c>GET /v1/blueprints/{id}</c>, two requests), so writers send a catalogue relation only when Port holds it.
/// </summary>
public sealed class PortCatalogRelations(PortClient client) : ICatalogRelations
{
    private readonly ConcurrentDictionary<(string Blueprint, string Relation), Lazy<Task<CatalogRelation?>>> _found = new();

    public Task<CatalogRelation?> FindAsync(string blueprint, string relation, CancellationToken cancellationToken) =>
        _found.GetOrAdd((blueprint, relation), key => new Lazy<Task<CatalogRelation?>>(() => ReadAsync(key.Blueprint, key.Relation, cancellationToken))).Value;

    private async Task<CatalogRelation?> ReadAsync(string blueprint, string relation, CancellationToken cancellationToken)
    {
        var ours = await client.GetBlueprintAsync(blueprint, cancellationToken);
        if (ours?["relations"]?[relation] is not JsonObject definition
            || definition["target"] is not JsonValue targetValue
            || !targetValue.TryGetValue<string>(out var target))
        {
            return null;
        }

        var targetBlueprint = await client.GetBlueprintAsync(target, cancellationToken);
        if (targetBlueprint is null)
        {
            return null;
        }

        var properties = (targetBlueprint["schema"]?["properties"] as JsonObject)?.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var many = definition["many"] is JsonValue manyValue && manyValue.TryGetValue<bool>(out var isMany) && isMany;
        return new CatalogRelation(relation, target, many, properties);
    }
}

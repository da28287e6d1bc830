using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Entities;

/// <summary>
/// Deletes entities with Port's dependent rules: with <c>delete_dependents=true</c> every entity relating to a deleted one is deleted
/// too; otherwise a dependent through a required relation blocks the delete (any dependent, for bulk deletes), and optional
/// references are cleared from the dependents.
/// </summary>
internal sealed class EntityDeleter(TimeProvider timeProvider, string actor)
{
    public async Task<(IReadOnlyList<string> Deleted, PortError? Error)> DeleteAsync(
        DbSession session,
        string blueprint,
        IReadOnlyList<string> identifiers,
        bool deleteDependents,
        bool anyDependentBlocks,
        CancellationToken cancellationToken)
    {
        var requested = new List<string>();
        foreach (var identifier in identifiers.Distinct(StringComparer.Ordinal))
        {
            if (await EntityRows.ExistsAsync(session, blueprint, identifier, cancellationToken))
            {
                requested.Add(identifier);
            }
        }

        var doomed = new HashSet<EntityKey>(requested.Select(id => new EntityKey(blueprint, id)));
        var queue = new Queue<EntityKey>(doomed);
        var cleanups = new List<(Dependent Dependent, EntityKey Target)>();
        var definitions = new Dictionary<string, BlueprintDefinition?>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var key))
        {
            foreach (var dependent in await EntityRows.DependentsAsync(session, key.Blueprint, key.Identifier, cancellationToken))
            {
                var dependentKey = new EntityKey(dependent.Blueprint, dependent.Identifier);
                if (doomed.Contains(dependentKey))
                {
                    continue;
                }

                if (deleteDependents)
                {
                    doomed.Add(dependentKey);
                    queue.Enqueue(dependentKey);
                    continue;
                }

                var definition = await DefinitionAsync(session, definitions, dependent.Blueprint, cancellationToken);
                var required = definition?.Relations.GetValueOrDefault(dependent.Relation)?.Required ?? false;
                if (anyDependentBlocks || required)
                {
                    return ([], new PortError(422, "has_dependents",
                        $"Entity \"{key.Identifier}\" of blueprint \"{key.Blueprint}\" has dependent entities (\"{dependent.Identifier}\" of blueprint "
                        + $"\"{dependent.Blueprint}\" through relation \"{dependent.Relation}\"); nothing was deleted. Delete the dependents first or send delete_dependents=true."));
                }

                cleanups.Add((dependent, key));
            }
        }

        foreach (var key in doomed)
        {
            await EntityRows.DeleteAsync(session, key.Blueprint, key.Identifier, cancellationToken);
        }

        foreach (var group in cleanups.GroupBy(c => new EntityKey(c.Dependent.Blueprint, c.Dependent.Identifier)))
        {
            await ClearReferencesAsync(session, group.Key, group.Select(c => (c.Dependent.Relation, c.Target.Identifier)).ToList(), definitions, cancellationToken);
        }

        return (requested, null);
    }

    private async Task ClearReferencesAsync(
        DbSession session,
        EntityKey dependent,
        List<(string Relation, string Target)> references,
        Dictionary<string, BlueprintDefinition?> definitions,
        CancellationToken cancellationToken)
    {
        var entity = await EntityRows.GetAsync(session, dependent.Blueprint, dependent.Identifier, cancellationToken);
        var definition = await DefinitionAsync(session, definitions, dependent.Blueprint, cancellationToken);
        if (entity?["relations"] is not JsonObject relations || definition is null)
        {
            return;
        }

        foreach (var (relation, target) in references)
        {
            relations[relation] = relations[relation] switch
            {
                JsonArray many => new JsonArray([.. many.Where(v => v?.GetValue<string>() != target).Select(v => v?.DeepClone())]),
                _ => null,
            };
        }

        entity["updatedAt"] = EntityDocument.Timestamp(timeProvider.GetUtcNow());
        entity["updatedBy"] = actor;
        await EntityRows.PutAsync(session, dependent.Blueprint, dependent.Identifier, entity, definition.RelationTargets, cancellationToken);
    }

    private static async Task<BlueprintDefinition?> DefinitionAsync(
        DbSession session,
        Dictionary<string, BlueprintDefinition?> cache,
        string blueprint,
        CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(blueprint, out var definition))
        {
            var stored = await BlueprintRows.GetAsync(session, blueprint, cancellationToken);
            definition = stored is null ? null : BlueprintDefinition.From(stored);
            cache[blueprint] = definition;
        }

        return definition;
    }
}

using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Http;
using CopilotIngest.LocalPort.Search;
using CopilotIngest.LocalPort.Storage;
using CopilotIngest.LocalPort.Validation;

namespace CopilotIngest.LocalPort.Entities;

/// <summary>
/// Creates, replaces or merges one entity the way Port does: validate against the blueprint, check related entities exist
/// (or create stubs), and leave <c>updatedAt</c> alone when nothing changed.
/// </summary>
internal sealed class EntityWriter(TimeProvider timeProvider, string actor)
{
    public async Task<EntityWriteResult> WriteAsync(
        DbSession session,
        BlueprintDefinition blueprint,
        EntityInput input,
        EntityWriteOptions options,
        CancellationToken cancellationToken)
    {
        var identifier = input.Identifier;
        var existing = await EntityRows.GetAsync(session, blueprint.Identifier, identifier, cancellationToken);
        if (existing is null && options.MustExist)
        {
            return EntityWriteResult.Fail(identifier, PortError.NotFound($"Entity with identifier \"{identifier}\" of blueprint \"{blueprint.Identifier}\" was not found"));
        }

        if (existing is not null && !options.Upsert)
        {
            return EntityWriteResult.Fail(identifier, PortError.IdentifierTaken(
                $"An entity with identifier \"{identifier}\" already exists in blueprint \"{blueprint.Identifier}\"; identifiers must be unique (send upsert=true to update it)"));
        }

        var content = Compose(input, options.Merge && existing is not null ? EntityContent.Of(existing) : null);
        var now = timeProvider.GetUtcNow();
        var error = await ResolveRelationQueriesAsync(session, blueprint, content.Relations, now, cancellationToken)
            ?? EntityValidator.Validate(blueprint, content.Properties, content.Relations);
        if (error is not null)
        {
            return EntityWriteResult.Fail(identifier, error);
        }

        var missing = await FindMissingRelatedAsync(session, blueprint, identifier, content.Relations, cancellationToken);
        if (missing.Count > 0 && (error = MissingRelatedError(missing, options.CreateMissingRelated)) is not null)
        {
            return EntityWriteResult.Fail(identifier, error);
        }

        if (existing is not null && content.SameAs(EntityContent.Of(existing)))
        {
            return new EntityWriteResult(identifier, false, existing, null);
        }

        var timestamp = EntityDocument.Timestamp(now);
        var entity = EntityDocument.Create(
            blueprint.Identifier,
            identifier,
            content,
            existing?["createdAt"]?.GetValue<string>() ?? timestamp,
            existing?["createdBy"]?.GetValue<string>() ?? actor,
            timestamp,
            actor);
        if (options.ValidationOnly)
        {
            return new EntityWriteResult(identifier, existing is null, entity, null);
        }

        foreach (var stub in missing.Distinct())
        {
            var stubEntity = EntityDocument.Create(stub.Blueprint, stub.Identifier, new EntityContent(stub.Identifier, null, [], [], []), timestamp, actor, timestamp, actor);
            await EntityRows.PutAsync(session, stub.Blueprint, stub.Identifier, stubEntity, new Dictionary<string, string>(), cancellationToken);
        }

        await EntityRows.PutAsync(session, blueprint.Identifier, identifier, entity, blueprint.RelationTargets, cancellationToken);
        return new EntityWriteResult(identifier, existing is null, entity, null);
    }

    /// <summary>Overlays what the client sent on <paramref name="baseline"/> (merge) or on nothing (create/replace).</summary>
    private static EntityContent Compose(EntityInput input, EntityContent? baseline)
    {
        var properties = baseline is null ? new JsonObject() : (JsonObject)baseline.Properties.DeepClone();
        foreach (var (key, value) in input.Properties ?? [])
        {
            properties[key] = value?.DeepClone();
        }

        var relations = baseline is null ? new JsonObject() : (JsonObject)baseline.Relations.DeepClone();
        foreach (var (key, value) in input.Relations ?? [])
        {
            relations[key] = value?.DeepClone();
        }

        return new EntityContent(
            input.HasTitle ? input.Title : baseline?.Title,
            input.HasIcon ? input.Icon : baseline?.Icon,
            input.Team ?? (JsonArray?)baseline?.Team.DeepClone() ?? [],
            properties,
            relations);
    }

    /// <summary>Replaces relation values given as search queries with the identifiers they match in the target blueprint.</summary>
    private static async Task<PortError?> ResolveRelationQueriesAsync(
        DbSession session,
        BlueprintDefinition blueprint,
        JsonObject relations,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var key in relations.Where(r => r.Value is JsonObject).Select(r => r.Key).ToList())
        {
            if (!blueprint.Relations.TryGetValue(key, out var relation))
            {
                continue;
            }

            var problems = new Problems();
            var query = SearchQueryParser.Parse(relations[key], $"relations/{key}", problems);
            if (query is null)
            {
                return PortError.InvalidBody(problems.ToString());
            }

            var matches = new List<string>();
            await foreach (var match in SearchExecutor.StreamAsync(session, relation.Target, query, now, cancellationToken))
            {
                matches.Add(match["identifier"]!.GetValue<string>());
            }

            if (!relation.Many && matches.Count > 1)
            {
                return new PortError(422, "relation_many_violation", $"A provided relation cannot contain more than one entity: the search query of relation \"{key}\" matched {matches.Count} entities.");
            }

            relations[key] = relation.Many ? new JsonArray([.. matches.Select(m => (JsonNode?)m)]) : matches.Count == 1 ? matches[0] : null;
        }

        return null;
    }

    private static async Task<List<EntityKey>> FindMissingRelatedAsync(
        DbSession session,
        BlueprintDefinition blueprint,
        string identifier,
        JsonObject relations,
        CancellationToken cancellationToken)
    {
        var missing = new List<EntityKey>();
        foreach (var (key, relation) in blueprint.Relations)
        {
            foreach (var target in EntityRows.RelationValues(relations[key]))
            {
                var isSelf = relation.Target == blueprint.Identifier && target == identifier;
                if (!isSelf && !await EntityRows.ExistsAsync(session, relation.Target, target, cancellationToken))
                {
                    missing.Add(new EntityKey(relation.Target, target));
                }
            }
        }

        return missing;
    }

    private static PortError? MissingRelatedError(List<EntityKey> missing, bool createMissing)
    {
        var listed = string.Join(", ", missing.Take(5).Select(m => $"\"{m.Identifier}\" of blueprint \"{m.Blueprint}\""));
        if (!createMissing)
        {
            return PortError.NotFound($"Related entities were not found: {listed}. Create them first, or send create_missing_related_entities=true.");
        }

        var prot = missing.FirstOrDefault(m => m.Blueprint.StartsWith('_'));
        return prot.Blueprint is null
            ? null
            : PortError.InvalidBody($"Missing related entities cannot be created in the protected blueprint \"{prot.Blueprint}\" ({listed}).");
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.Port.Tests.Fakes;

/// <summary>
/// Port's blueprint routes with Port's rules that matter to setup: relation targets must exist (Port's own <c>_user</c>,
/// <c>_team</c>, … always do), mirror properties
/// must follow an existing relation, PATCH replaces the top-level keys it is given. Stored blueprints come back with
/// server fields (createdAt, updatedBy) and filled-in defaults (<c>schema.required: []</c>, relation <c>description</c>).
/// </summary>
internal sealed class FakeBlueprints
{
    private readonly ConcurrentDictionary<string, JsonObject> _blueprints = new(StringComparer.Ordinal);

    public JsonObject? this[string identifier] => _blueprints.TryGetValue(identifier, out var stored) ? stored : null;

    public async Task HandleAsync(HttpContext context, RecordedRequest request)
    {
        var path = request.PathAndQuery.Split('?')[0];
        var identifier = path.StartsWith("/v1/blueprints/", StringComparison.Ordinal) ? Uri.UnescapeDataString(path["/v1/blueprints/".Length..]) : null;
        switch (request.Method)
        {
            case "GET" when identifier is not null:
                if (_blueprints.TryGetValue(identifier, out var found))
                {
                    await Respond.Json(context, 200, new JsonObject { ["ok"] = true, ["blueprint"] = WithServerFields(found) });
                }
                else
                {
                    await Respond.Error(context, 404, "not_found", $"Blueprint with identifier \"{identifier}\" was not found");
                }

                return;
            case "POST" when identifier is null:
                var created = Bodies.Object(request);
                var id = created["identifier"]!.GetValue<string>();
                if (_blueprints.ContainsKey(id))
                {
                    await Respond.Error(context, 409, "conflict", "A blueprint with this identifier already exists");
                    return;
                }

                await StoreAsync(context, id, created);
                return;
            case "PATCH" when identifier is not null && _blueprints.TryGetValue(identifier, out var existing):
                var merged = existing.DeepClone().AsObject();
                foreach (var (key, value) in Bodies.Object(request))
                {
                    merged[key] = value?.DeepClone();
                }

                await StoreAsync(context, identifier, merged);
                return;
            default:
                await Respond.Error(context, 404, "not_found", "not found");
                return;
        }
    }

    private async Task StoreAsync(HttpContext context, string identifier, JsonObject blueprint)
    {
        var relations = blueprint["relations"] as JsonObject ?? [];
        foreach (var (name, relation) in relations)
        {
            var target = relation?["target"]?.GetValue<string>();
            if (target is null || (!_blueprints.ContainsKey(target) && target != identifier && !target.StartsWith('_')))
            {
                await Respond.Error(context, 422, "invalid_request", $"Relation {name} targets blueprint {target}, which does not exist");
                return;
            }
        }

        foreach (var (name, mirror) in blueprint["mirrorProperties"] as JsonObject ?? [])
        {
            var relation = mirror?["path"]?.GetValue<string>().Split('.')[0];
            if (relation is null || !relations.ContainsKey(relation))
            {
                await Respond.Error(context, 422, "invalid_request", $"Mirror property {name} uses relation {relation}, which does not exist");
                return;
            }
        }

        var schema = blueprint["schema"]!.AsObject();
        schema["required"] ??= new JsonArray();
        foreach (var (_, relation) in relations)
        {
            relation!["description"] ??= null;
        }

        _blueprints[identifier] = blueprint;
        await Respond.Json(context, 200, new JsonObject { ["ok"] = true, ["blueprint"] = WithServerFields(blueprint) });
    }

    private static JsonObject WithServerFields(JsonObject blueprint)
    {
        var copy = blueprint.DeepClone().AsObject();
        copy["createdAt"] = "2026-11-25T08:00:00.000Z";
        copy["updatedAt"] = "2026-11-25T08:00:00.000Z";
        copy["updatedBy"] = "service-account";
        copy["changelogDestination"] = new JsonObject();
        copy["teamInheritance"] = null;
        return copy;
    }
}

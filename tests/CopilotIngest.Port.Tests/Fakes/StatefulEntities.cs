using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.Port.Tests.Fakes;

/// <summary>
/// Keeps upserted entities (merge semantics) and answers the blueprint read, listings (no rule) and
/// <c>$identifier in [...]</c> searches, as Port would. <paramref name="properties"/> are the blueprint's properties.
/// </summary>
internal sealed class StatefulEntities(params string[] properties)
{
    private readonly ConcurrentDictionary<string, JsonObject> _entities = new(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context, RecordedRequest request)
    {
        if (Bodies.IsBlueprintRead(request))
        {
            await Respond.Blueprint(context, request.PathAndQuery.Split('/')[^1], properties);
            return;
        }

        if (Bodies.IsSearch(request))
        {
            var rules = Bodies.Object(request)["query"]!["rules"]!.AsArray();
            var ids = rules.Count == 0 ? _entities.Keys.ToHashSet() : rules[0]!["value"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet();
            await Respond.Search(context, ids.Where(_entities.ContainsKey).Select(id => _entities[id].DeepClone().AsObject()));
            return;
        }

        if (Bodies.IsBulkUpsert(request))
        {
            foreach (var entity in Bodies.Entities(request))
            {
                Merge(entity);
            }

            await Respond.BulkOk(context, request);
            return;
        }

        Merge(Bodies.Object(request));
        await Respond.Json(context, 201, """{"ok":true,"entity":{}}""");
    }

    private void Merge(JsonObject entity)
    {
        var id = entity["identifier"]!.GetValue<string>();
        var stored = _entities.GetOrAdd(id, _ => new JsonObject { ["identifier"] = id, ["properties"] = new JsonObject(), ["relations"] = new JsonObject() });
        lock (stored)
        {
            stored["title"] = entity["title"]?.DeepClone();
            foreach (var (key, value) in entity["properties"]?.AsObject() ?? [])
            {
                stored["properties"]![key] = value?.DeepClone();
            }

            foreach (var (key, value) in entity["relations"]?.AsObject() ?? [])
            {
                stored["relations"]![key] = value?.DeepClone();
            }

            stored["createdAt"] = "2026-11-25T08:00:00.000Z";
        }
    }
}

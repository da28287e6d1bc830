using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.Port.Tests.Fakes;

/// <summary>Writes scripted answers the way Port shapes them.</summary>
internal static class Respond
{
    public static async Task Json(HttpContext context, int status, string json, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json), context.RequestAborted);
    }

    public static Task Json(HttpContext context, int status, JsonNode json, params (string Name, string Value)[] headers) =>
        Json(context, status, json.ToJsonString(), headers);

    public static Task Error(HttpContext context, int status, string error, string message, params (string Name, string Value)[] headers) =>
        Json(context, status, new JsonObject { ["ok"] = false, ["error"] = error, ["message"] = message }, headers);

    /// <summary>A bulk answer where every entity of the request succeeded.</summary>
    public static Task BulkOk(HttpContext context, RecordedRequest request)
    {
        var entities = new JsonArray();
        var sent = Bodies.Entities(request);
        for (var i = 0; i < sent.Count; i++)
        {
            entities.Add(new JsonObject { ["created"] = true, ["identifier"] = sent[i]["identifier"]!.GetValue<string>(), ["index"] = i });
        }

        return Json(context, 200, new JsonObject { ["ok"] = true, ["entities"] = entities, ["errors"] = new JsonArray() });
    }

    /// <summary><c>GET /v1/blueprints/{bp}</c> of a blueprint with the given properties (<c>content_hash</c> among them or not).</summary>
    public static Task Blueprint(HttpContext context, string identifier, params string[] properties)
    {
        var schema = new JsonObject();
        foreach (var property in properties)
        {
            schema[property] = new JsonObject { ["type"] = "string" };
        }

        return Json(context, 200, new JsonObject
        {
            ["ok"] = true,
            ["blueprint"] = new JsonObject { ["identifier"] = identifier, ["title"] = identifier, ["schema"] = new JsonObject { ["properties"] = schema } },
        });
    }

    public static Task Search(HttpContext context, IEnumerable<JsonObject> entities, string? next = null)
    {
        var body = new JsonObject { ["ok"] = true, ["entities"] = new JsonArray([.. entities]) };
        if (next is not null)
        {
            body["next"] = next;
        }

        return Json(context, 200, body);
    }
}

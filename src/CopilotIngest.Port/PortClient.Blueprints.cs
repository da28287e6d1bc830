using System.Net;
using System.Text.Json.Nodes;
using CopilotIngest.Port.Http;

namespace CopilotIngest.Port;

public sealed partial class PortClient
{
    /// <summary><c>GET /v1/blueprints/{identifier}</c>; null when the blueprint does not exist.</summary>
    public async Task<JsonObject?> GetBlueprintAsync(string identifier, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"reading blueprint {identifier}");
        var response = await SendRawAsync(HttpMethod.Get, $"v1/blueprints/{Segment(identifier)}", null, operation, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw Fail(response, operation);
        }

        return PortTransport.Parse(response, PortJsonContext.Default.BlueprintResponse, operation).Blueprint;
    }

    /// <summary><c>POST /v1/blueprints</c>; returns the blueprint as Port stored it.</summary>
    public async Task<JsonObject> CreateBlueprintAsync(JsonObject blueprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        if (blueprint["identifier"] is not JsonValue value || !value.TryGetValue<string>(out var identifier))
        {
            throw new ArgumentException("The blueprint has no string identifier.", nameof(blueprint));
        }

        var operation = new PortOperation($"creating blueprint {identifier}");
        var content = PortTransport.Json(blueprint, PortJsonContext.Default.JsonObject);
        return (await SendAsync(HttpMethod.Post, "v1/blueprints", content, PortJsonContext.Default.BlueprintResponse, operation, cancellationToken)).Blueprint;
    }

    /// <summary><c>PATCH /v1/blueprints/{identifier}</c>: changes only the top-level keys given.</summary>
    public async Task<JsonObject> PatchBlueprintAsync(string identifier, JsonObject changes, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"updating blueprint {identifier}", identifier);
        var content = PortTransport.Json(changes, PortJsonContext.Default.JsonObject);
        return (await SendAsync(HttpMethod.Patch, $"v1/blueprints/{Segment(identifier)}", content, PortJsonContext.Default.BlueprintResponse, operation, cancellationToken)).Blueprint;
    }

    /// <summary><c>PUT /v1/blueprints/{identifier}</c>: replaces the whole blueprint.</summary>
    public async Task<JsonObject> PutBlueprintAsync(string identifier, JsonObject blueprint, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"replacing blueprint {identifier}", identifier);
        var content = PortTransport.Json(blueprint, PortJsonContext.Default.JsonObject);
        return (await SendAsync(HttpMethod.Put, $"v1/blueprints/{Segment(identifier)}", content, PortJsonContext.Default.BlueprintResponse, operation, cancellationToken)).Blueprint;
    }

    /// <summary><c>PUT /v1/blueprints/{blueprint}/scorecards</c>: sets the blueprint's scorecards; returns Port's answer.</summary>
    public async Task<JsonObject> PutScorecardsAsync(string blueprint, JsonArray scorecards, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"setting the scorecards of blueprint {blueprint}", blueprint);
        var content = PortTransport.Json(scorecards, PortJsonContext.Default.JsonArray);
        return await SendAsync(HttpMethod.Put, $"v1/blueprints/{Segment(blueprint)}/scorecards", content, PortJsonContext.Default.JsonObject, operation, cancellationToken);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using CopilotIngest.Port.Http;

namespace CopilotIngest.Port;

public sealed partial class PortClient
{
    /// <summary><c>GET /v1/blueprints/{blueprint}/scorecards/{identifier}</c>; null when the scorecard (or its blueprint) does not exist.</summary>
    public async Task<JsonObject?> GetScorecardAsync(string blueprint, string identifier, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"reading scorecard {identifier} of blueprint {blueprint}", blueprint);
        var response = await SendRawAsync(HttpMethod.Get, $"v1/blueprints/{Segment(blueprint)}/scorecards/{Segment(identifier)}", null, operation, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw Fail(response, operation);
        }

        var body = PortTransport.Parse(response, PortJsonContext.Default.JsonObject, operation);
        return body["scorecard"] as JsonObject ?? body;
    }

    /// <summary><c>POST /v1/blueprints/{blueprint}/scorecards</c>: creates one scorecard; returns Port's answer.</summary>
    public Task<JsonObject> CreateScorecardAsync(string blueprint, JsonObject scorecard, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"creating scorecard {scorecard["identifier"]} of blueprint {blueprint}", blueprint);
        var content = PortTransport.Json(scorecard, PortJsonContext.Default.JsonObject);
        return SendAsync(HttpMethod.Post, $"v1/blueprints/{Segment(blueprint)}/scorecards", content, PortJsonContext.Default.JsonObject, operation, cancellationToken);
    }

    /// <summary><c>PUT /v1/blueprints/{blueprint}/scorecards/{identifier}</c>: replaces one scorecard; returns Port's answer.</summary>
    public Task<JsonObject> PutScorecardAsync(string blueprint, string identifier, JsonObject scorecard, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"replacing scorecard {identifier} of blueprint {blueprint}", blueprint);
        var content = PortTransport.Json(scorecard, PortJsonContext.Default.JsonObject);
        return SendAsync(HttpMethod.Put, $"v1/blueprints/{Segment(blueprint)}/scorecards/{Segment(identifier)}", content, PortJsonContext.Default.JsonObject, operation, cancellationToken);
    }

    /// <summary><c>DELETE /v1/blueprints/{blueprint}/scorecards/{identifier}</c>; a scorecard already gone counts as deleted.</summary>
    public async Task DeleteScorecardAsync(string blueprint, string identifier, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"deleting scorecard {identifier} of blueprint {blueprint}", blueprint);
        var response = await SendRawAsync(HttpMethod.Delete, $"v1/blueprints/{Segment(blueprint)}/scorecards/{Segment(identifier)}", null, operation, cancellationToken);
        if (!response.IsSuccess && response.StatusCode != HttpStatusCode.NotFound)
        {
            throw Fail(response, operation);
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using CopilotIngest.Port.Http;

namespace CopilotIngest.Port;

public sealed partial class PortClient
{
    /// <summary><c>GET /v1/webhooks/{identifier}</c>: the integration (with <c>url</c>), or null when it does not exist.</summary>
    public async Task<JsonObject?> GetWebhookAsync(string identifier, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"reading webhook {identifier}");
        var response = await SendRawAsync(HttpMethod.Get, $"v1/webhooks/{Segment(identifier)}", null, operation, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw Fail(response, operation);
        }

        var body = PortTransport.Parse(response, PortJsonContext.Default.JsonObject, operation);
        return body["integration"] as JsonObject ?? body;
    }

    /// <summary><c>POST /v1/webhooks</c>: creates the integration; returns it as Port answers (with <c>url</c>).</summary>
    public async Task<JsonObject> CreateWebhookAsync(JsonObject webhook, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"creating webhook {webhook["identifier"]}");
        var body = await SendAsync(HttpMethod.Post, "v1/webhooks", PortTransport.Json(webhook, PortJsonContext.Default.JsonObject), PortJsonContext.Default.JsonObject, operation, cancellationToken);
        return body["integration"] as JsonObject ?? body;
    }

    /// <summary><c>PUT /v1/webhooks/{identifier}</c>: replaces the integration (its ingest URL stays); returns it as Port answers.</summary>
    public async Task<JsonObject> PutWebhookAsync(string identifier, JsonObject webhook, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"replacing webhook {identifier}");
        var body = await SendAsync(HttpMethod.Put, $"v1/webhooks/{Segment(identifier)}", PortTransport.Json(webhook, PortJsonContext.Default.JsonObject), PortJsonContext.Default.JsonObject, operation, cancellationToken);
        return body["integration"] as JsonObject ?? body;
    }
}

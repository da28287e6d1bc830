using System.Net;
using System.Text.Json.Nodes;
using CopilotIngest.Port.Http;

namespace CopilotIngest.Port;

public sealed partial class PortClient
{
    /// <summary><c>GET /v1/pages/{identifier}</c>; null when the page does not exist.</summary>
    public async Task<JsonObject?> GetPageAsync(string identifier, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"reading page {identifier}");
        var response = await SendRawAsync(HttpMethod.Get, $"v1/pages/{Segment(identifier)}", null, operation, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw Fail(response, operation);
        }

        var body = PortTransport.Parse(response, PortJsonContext.Default.JsonObject, operation);
        return body["page"] as JsonObject ?? body;
    }

    /// <summary><c>POST /v1/pages</c>; returns Port's answer.</summary>
    public Task<JsonObject> CreatePageAsync(JsonObject page, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"creating page {page["identifier"]}");
        return SendAsync(HttpMethod.Post, "v1/pages", PortTransport.Json(page, PortJsonContext.Default.JsonObject), PortJsonContext.Default.JsonObject, operation, cancellationToken);
    }

    /// <summary><c>PUT /v1/pages/{identifier}</c>: replaces the page; returns Port's answer.</summary>
    public Task<JsonObject> PutPageAsync(string identifier, JsonObject page, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"replacing page {identifier}");
        return SendAsync(HttpMethod.Put, $"v1/pages/{Segment(identifier)}", PortTransport.Json(page, PortJsonContext.Default.JsonObject), PortJsonContext.Default.JsonObject, operation, cancellationToken);
    }
}

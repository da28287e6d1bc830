using System.Text.Json.Serialization.Metadata;
using CopilotIngest.Core.Http;
using CopilotIngest.Port.Http;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Port;

/// <summary>
/// Typed client of Port's REST API (<c>PORT_BASE_URL</c>/v1). Authentication, retries, rate limits and timeouts
/// live in the HTTP pipeline registered by <c>AddPortApi</c>; every failure surfaces as an <see cref="ApiException"/>.
/// </summary>
public sealed partial class PortClient(HttpClient httpClient, ILogger<PortClient> logger)
{
    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> responseType, PortOperation operation, CancellationToken cancellationToken)
        where T : class
    {
        var response = await SendRawAsync(method, path, content, operation, cancellationToken);
        if (!response.IsSuccess)
        {
            throw Fail(response, operation);
        }

        return PortTransport.Parse(response, responseType, operation);
    }

    private async Task<PortResponse> SendRawAsync(HttpMethod method, string path, HttpContent? content, PortOperation operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        return await PortTransport.SendAsync(httpClient, request, operation, cancellationToken);
    }

    private ApiException Fail(PortResponse response, PortOperation operation)
    {
        LogCallFailed(operation.Description, (int)response.StatusCode, response.TraceId ?? "none");
        return PortErrors.ForStatus(response, operation);
    }

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }

    [LoggerMessage(EventId = 520, Level = LogLevel.Warning, Message = "Port call failed: {Operation} answered {StatusCode} (trace id {TraceId})")]
    private partial void LogCallFailed(string operation, int statusCode, string traceId);
}

using System.Net;
using System.Text.Json;
using CopilotIngest.Core.Http;
using CopilotIngest.Port.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Webhooks;

/// <summary>
/// Posts signed payloads to Port webhook ingest URLs. Retries (429, 408, 5xx, timeouts), Port's rate-limit pacing and the
/// run's circuit for Port live in the HTTP pipeline registered by <c>AddPortWebhooks</c>, the same as the Entities API's.
/// A retried payload keeps its request id, so Port processes it at most once.
/// </summary>
public sealed partial class PortWebhookClient(HttpClient httpClient, IOptions<PortWebhookOptions> options, ILogger<PortWebhookClient> logger)
{
    /// <summary>Posts one body; returns when Port accepted it (any 2xx, normally 202), else throws an <see cref="ApiException"/> naming the fix.</summary>
    public async Task PostAsync(Uri url, string urlSetting, byte[] body, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(body);
        var secret = options.Value.Secret ?? throw new InvalidOperationException($"{PortWebhookSettings.Secret} is not set.");
        var requestId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = PortTransport.Json(body) };
        request.Headers.TryAddWithoutValidation(WebhookPayload.SignatureHeader, WebhookPayload.Sign(secret, body));
        request.Headers.TryAddWithoutValidation(WebhookPayload.RequestIdHeader, requestId);
        var operation = new PortOperation(description);
        var response = await PortTransport.SendAsync(httpClient, request, operation, cancellationToken);
        if (response.IsSuccess)
        {
            return;
        }

        LogPostFailed(description, (int)response.StatusCode, requestId);
        throw Fail(response, urlSetting, description);
    }

    private static ApiException Fail(PortResponse response, string urlSetting, string description)
    {
        var said = Message(response.Body);
        var text = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"Port refused the signature of {description}: {PortWebhookSettings.Secret} must be the secret of the webhook integration (run `copilot-ingest setup --webhooks` with it).",
            HttpStatusCode.NotFound =>
                $"Port has no webhook at the URL in {urlSetting} ({description}): run `copilot-ingest setup --webhooks` and paste the URL it prints.",
            HttpStatusCode.RequestEntityTooLarge =>
                $"Port found {description} too large: it takes at most {PortWebhookOptions.DefaultMaxBytes:N0} bytes a request.",
            _ => $"Port answered {(int)response.StatusCode} to {description}",
        };
        return new ApiException(PortErrors.Service, response.StatusCode, said is null ? text : $"{text} Port said: {said}");
    }

    private static string? Message(byte[] body)
    {
        try
        {
            return body.Length > 0 && JsonSerializer.Deserialize(body, PortJsonContext.Default.ErrorResponse) is { Message: { Length: > 0 } message } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 560, Level = LogLevel.Warning, Message = "Port webhook call failed: {Operation} answered {StatusCode} (request id {RequestId})")]
    private partial void LogPostFailed(string operation, int statusCode, string requestId);
}

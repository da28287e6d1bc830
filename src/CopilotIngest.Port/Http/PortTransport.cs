using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CopilotIngest.Core.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CopilotIngest.Port.Http;

/// <summary>Sends one request through the resilient pipeline and reads the whole answer; transport failures become <see cref="ApiException"/>s.</summary>
internal static class PortTransport
{
    public static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    public static async Task<PortResponse> SendAsync(HttpClient client, HttpRequestMessage request, PortOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new PortResponse(response.StatusCode, body, TraceId(response));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw TimedOut(operation, ex);
        }
        catch (TaskCanceledException ex)
        {
            throw TimedOut(operation, ex);
        }
        catch (ServiceCircuitOpenException ex)
        {
            throw new ApiException(PortErrors.Service, null, $"Could not reach Port at {client.BaseAddress} for {operation}: {ex.Message}", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ApiException(
                PortErrors.Service,
                null,
                $"Port failed too many calls in a row, so {operation} was not attempted; calls resume shortly. Run again later if this persists.",
                ex);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new ApiException(
                PortErrors.Service,
                ex.StatusCode,
                $"Port's answer to {operation} is larger than this client reads ({client.MaxResponseContentBufferSize} bytes). Check {PortSettings.BaseUrl} points at Port's API.",
                ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiException(
                PortErrors.Service,
                null,
                $"Could not reach Port at {client.BaseAddress} for {operation}: {ex.Message} Check {PortSettings.BaseUrl}, the network and any proxy ({PortSettings.ExtraCaCert} for TLS-inspecting proxies).",
                ex);
        }
    }

    public static HttpContent Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    public static HttpContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>Parses a successful answer; any JSON problem (empty, truncated, wrong shape, null) becomes an <see cref="ApiException"/>.</summary>
    public static T Parse<T>(PortResponse response, JsonTypeInfo<T> typeInfo, PortOperation operation)
        where T : class
    {
        if (response.Body.Length == 0)
        {
            throw PortErrors.Malformed(response, operation, "the body is empty");
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, typeInfo) ?? throw PortErrors.Malformed(response, operation, "the body is null");
        }
        catch (JsonException ex)
        {
            throw PortErrors.Malformed(response, operation, ex.Message, ex);
        }
    }

    private static ApiException TimedOut(PortOperation operation, Exception inner) =>
        new(
            PortErrors.Service,
            null,
            $"Port did not answer {operation} in time ({PortSettings.AttemptTimeout} per attempt), even after retries. Check {PortSettings.BaseUrl}, the network and any proxy; Port may be slow right now, so run again later or raise {PortSettings.AttemptTimeout}.",
            inner);

    private static string? TraceId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Trace-Id", out var values) ? values.FirstOrDefault() : null;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CopilotIngest.LocalPort.Http;

/// <summary>Reads a JSON request body the way Port does: <c>application/json</c> only, at most 1 MiB, never empty.</summary>
internal static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;

    public static async Task<(JsonNode? Body, PortError? Error)> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBytes)
        {
            return (null, PortError.TooLarge());
        }

        if (!IsJson(request.ContentType))
        {
            var given = string.IsNullOrEmpty(request.ContentType) ? "none" : request.ContentType;
            return (null, PortError.BadRequest($"Unsupported Content-Type '{given}': send the body as application/json."));
        }

        var bytes = await ReadCappedAsync(request.Body, context.RequestAborted);
        if (bytes is null)
        {
            return (null, PortError.TooLarge());
        }

        if (bytes.Length == 0 || bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, PortError.BadRequest("Body cannot be empty when content-type is set to 'application/json'"));
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return (null, PortError.BadRequest("Body is not valid JSON: it is not UTF-8 text."));
        }

        try
        {
            var node = JsonNode.Parse(bytes, JsonText.NodeOptions, JsonText.DocumentOptions);
            return (node, null);
        }
        catch (JsonException ex)
        {
            return (null, PortError.BadRequest("Body is not valid JSON: " + ex.Message));
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && (parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || parsed.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Reads the whole body, or returns null as soon as it exceeds <see cref="MaxBytes"/>.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using CopilotIngest.Core.Http;

namespace CopilotIngest.Port.Http;

/// <summary>Turns Port's failures into <see cref="ApiException"/>s whose message tells the user what to fix.</summary>
internal static class PortErrors
{
    public const string Service = "Port";

    public const string CredentialsRejected =
        $"Port rejected {PortSettings.ClientId}/{PortSettings.ClientSecret} (401). Check the credentials and the region ({PortSettings.BaseUrl}).";

    private const int MaxSnippetLength = 300;

    public static ApiException Credentials(string? traceId) =>
        new(Service, HttpStatusCode.Unauthorized, CredentialsRejected + TraceSuffix(traceId));

    public static ApiException ForStatus(PortResponse response, PortOperation operation)
    {
        var detail = Detail(response.Body);
        var status = (int)response.StatusCode;
        var statusText = $"{status} {ReasonPhrase(response.StatusCode)}".TrimEnd();
        var text = status switch
        {
            401 => CredentialsRejected,
            403 => $"Port refused {operation} (403 Forbidden){Colon(detail)}. The credential in {PortSettings.ClientId} lacks permission for this: use an admin credential or one with access to the blueprint.",
            404 when operation.Blueprint is not null && LooksLikeMissingBlueprint(detail) =>
                $"Blueprint {operation.Blueprint} does not exist in Port: run `copilot-ingest setup` first.",
            404 => $"Port found nothing for {operation} (404){Colon(detail)}.",
            413 => $"Port rejected {operation}: the request body is larger than Port accepts (413, limit 1 MiB){Colon(detail)}.",
            422 => $"Port rejected {operation} as invalid (422){Colon(detail)}.",
            429 => $"Port kept rate-limiting {operation} (429){Colon(detail)}: every retry was used, or Port asked for a longer pause than {PortSettings.MaxRateLimitWait} allows. Lower {PortSettings.MaxConcurrency}, raise {PortSettings.MaxRateLimitWait}, or run again later.",
            >= 500 => $"Port failed {operation} with {statusText} after every retry{Colon(detail)}. Port may be having an outage; run again later.",
            _ => $"Port answered {statusText} to {operation}{Colon(detail)}.",
        };
        return new ApiException(Service, response.StatusCode, text + TraceSuffix(response.TraceId));
    }

    public static ApiException Malformed(PortResponse response, PortOperation operation, string problem, Exception? inner = null) =>
        new(
            Service,
            response.StatusCode,
            $"Port answered {operation} ({(int)response.StatusCode}) with a body that is not the JSON expected: {problem.TrimEnd('.')}. Check {PortSettings.BaseUrl} points at Port's API.{TraceSuffix(response.TraceId)}",
            inner);

    public static string TraceSuffix(string? traceId) => string.IsNullOrEmpty(traceId) ? string.Empty : $" Trace id: {traceId}.";

    /// <summary>Port's <c>message</c> (or <c>error</c>) from an error body; a short excerpt when the body is not Port's JSON.</summary>
    public static string? Detail(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, PortJsonContext.Default.ErrorResponse);
            var message = FirstText(error?.Message, error?.Error);
            if (message is not null)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not Port's error JSON (a proxy page, plain text): fall through to an excerpt.
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxSnippetLength * 4)).Trim();
        if (text.StartsWith('<'))
        {
            return "an HTML page instead of Port's JSON (is a proxy answering?)";
        }

        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length == 0 ? null : collapsed.Length <= MaxSnippetLength ? collapsed : collapsed[..MaxSnippetLength] + "…";
    }

    private static string? FirstText(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static bool LooksLikeMissingBlueprint(string? detail) =>
        detail is null
        || (detail.Contains("blueprint", StringComparison.OrdinalIgnoreCase) && !detail.Contains("entit", StringComparison.OrdinalIgnoreCase))
        || detail.Equals("not_found", StringComparison.OrdinalIgnoreCase);

    private static string Colon(string? detail) => detail is null ? string.Empty : ": " + detail.TrimEnd('.');

    private static string ReasonPhrase(HttpStatusCode status) =>
        Enum.IsDefined(status) ? SplitWords(status.ToString()) : string.Empty;

    private static string SplitWords(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

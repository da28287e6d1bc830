using System.Net;
using System.Text.Json;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Configuration;

namespace CopilotIngest.M365.Graph;

/// <summary>Turns a Graph error answer into an <see cref="ApiException"/> whose message says what to fix.</summary>
internal static class GraphErrors
{
    public const string Service = "Microsoft Graph";

    private const int MaxDetailLength = 300;

    /// <summary>Builds the exception for a non-success answer; <paramref name="body"/> is the (truncated) error body.</summary>
    public static Exception FromResponse(HttpStatusCode status, string body, string? requestId, GraphOperation operation, M365Options options)
    {
        var (code, message) = ReadError(body);
        if (code == "UnknownTenantId" || body.Contains("UnknownTenantId", StringComparison.Ordinal))
        {
            return new ReportNotAvailableException();
        }

        var detail = Detail(code, message);
        var reference = requestId is null ? string.Empty : $" (Graph request-id {requestId})";
        var text = (int)status switch
        {
            400 when message?.Contains("Resource not found for the segment", StringComparison.OrdinalIgnoreCase) == true =>
                $"Microsoft Graph does not offer {operation.Description} at {options.GraphUrl}{detail}: check {M365Settings.GraphUrl} and {M365Settings.ApiVersion} (v1.0 or beta).",
            400 when operation.IsReport =>
                $"Microsoft Graph rejected the request for {operation.Description} (400{detail}): check {M365Settings.Period} and {M365Settings.ReportVersion} (D28 needs v2; D30 only exists in v1).",
            400 => $"Microsoft Graph rejected the request for {operation.Description} (400{detail}).",
            401 => $"Microsoft Graph rejected the access token for {operation.Description} (401{detail}). The token expired or was issued for another tenant or cloud: check that {M365Settings.TenantId}, {M365Settings.AuthorityHost} and {M365Settings.GraphUrl} name the same tenant and cloud.",
            403 => $"Microsoft Graph denied {operation.Description} (403{detail}). The Entra app {M365Settings.ClientId}={options.ClientId} needs the Microsoft Graph application permission {operation.Permission}, with admin consent (Entra admin center > App registrations > API permissions > Grant admin consent).",
            404 => $"Microsoft Graph does not know {operation.Description} (404{detail}): check {M365Settings.GraphUrl} ({options.GraphUrl}) and {M365Settings.ApiVersion}.",
            422 => $"Microsoft Graph could not process the request for {operation.Description} (422{detail}).",
            429 => $"Microsoft Graph kept throttling {operation.Description} (429{detail}): every retry honouring Retry-After was used, or Graph asked for a longer wait than {M365Settings.MaxRateLimitWait} allows. Copilot report APIs allow only a few requests per 10 minutes per app and tenant: run less often, do not run several copies at once, or raise {M365Settings.MaxRateLimitWait}.",
            >= 500 => $"Microsoft Graph failed with {(int)status} {status} for {operation.Description}{(detail.Length == 0 ? string.Empty : " (" + detail.Trim() + ")")}, also on retry. The problem is on Microsoft's side; the next run will fetch the data again.",
            _ => $"Microsoft Graph answered {(int)status} {status} for {operation.Description}{(detail.Length == 0 ? string.Empty : ":" + detail)}.",
        };
        return new ApiException(Service, status, text + reference);
    }

    /// <summary>Graph error code and message; an <c>UnknownError</c> whose message is itself an error JSON is unwrapped once.</summary>
    public static (string? Code, string? Message) ReadError(string body)
    {
        var error = Parse(body);
        if (error?.Message is { } inner && inner.TrimStart().StartsWith('{') && Parse(inner) is { } nested)
        {
            return (nested.Code ?? error.Code, nested.Message ?? error.Message);
        }

        return (error?.Code, error?.Message);
    }

    private static GraphErrorBody? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, GraphJsonContext.Default.GraphErrorEnvelope)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Detail(string? code, string? message)
    {
        var parts = new[] { code, message }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        if (parts.Count == 0)
        {
            return string.Empty;
        }

        var text = string.Join(": ", parts).ReplaceLineEndings(" ");
        return " " + (text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…");
    }
}

using System.Net;

namespace CopilotIngest.Core.Http;

/// <summary>
/// The one failure type of every API client: the HTTP status, the service, and a message that tells the
/// user what to fix. Messages never contain secrets.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(string service, HttpStatusCode? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Service = service;
        StatusCode = statusCode;
    }

    public ApiException()
        : this("unknown", null, "The API call failed.")
    {
    }

    public ApiException(string message)
        : this("unknown", null, message)
    {
    }

    public ApiException(string message, Exception innerException)
        : this("unknown", null, message, innerException)
    {
    }

    /// <summary>The service that failed: <c>GitHub</c>, <c>Port</c>, <c>Microsoft Graph</c>, …</summary>
    public string Service { get; }

    /// <summary>The HTTP status, or null when no response arrived (timeout, dropped connection).</summary>
    public HttpStatusCode? StatusCode { get; }
}

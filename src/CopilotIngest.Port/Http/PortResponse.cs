using System.Net;

namespace CopilotIngest.Port.Http;

/// <summary>A fully read answer from Port.</summary>
internal sealed record PortResponse(HttpStatusCode StatusCode, byte[] Body, string? TraceId)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}

using System.Text.Json;
using CopilotIngest.LocalPort.Json;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.LocalPort.Http;

/// <summary>A 200 JSON answer written while it is produced (entity lists of any size never sit in memory whole).</summary>
internal sealed class EntityStreamResult(Func<Utf8JsonWriter, CancellationToken, Task> writeBody) : IResult
{
    /// <summary>Flush to the network after this many entities.</summary>
    public const int FlushEvery = 100;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body, JsonText.WriterOptions);
        await writeBody(writer, httpContext.RequestAborted);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}

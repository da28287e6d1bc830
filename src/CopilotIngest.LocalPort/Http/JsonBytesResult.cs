using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CopilotIngest.LocalPort.Json;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.LocalPort.Http;

/// <summary>A JSON answer already serialized to UTF-8.</summary>
internal sealed class JsonBytesResult(int statusCode, byte[] body) : IResult
{
    public int StatusCode { get; } = statusCode;

    public static JsonBytesResult From(int statusCode, JsonNode node) => new(statusCode, JsonText.ToUtf8(node));

    public static JsonBytesResult From<T>(int statusCode, T value, JsonTypeInfo<T> typeInfo) => new(statusCode, JsonText.ToUtf8(value, typeInfo));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}

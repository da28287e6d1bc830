using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Json;
using CopilotIngest.LocalPort.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CopilotIngest.LocalPort.Http;

/// <summary>Small helpers shared by the endpoint classes.</summary>
internal static class EndpointSupport
{
    public static void MapPort(this IEndpointRouteBuilder routes, string method, string pattern, Func<HttpContext, Task<IResult>> handler) =>
        routes.MapMethods(pattern, [method], async context =>
        {
            var result = await handler(context);
            await result.ExecuteAsync(context);
        });

    public static IResult Json(int statusCode, JsonObject body) => JsonBytesResult.From(statusCode, body);

    public static IResult Ok(string name, JsonNode? value) => Json(StatusCodes.Status200OK, new JsonObject { ["ok"] = true, [name] = value });

    public static IResult Ok() => JsonBytesResult.From(StatusCodes.Status200OK, new OkResponse(true), LocalPortJsonContext.Default.OkResponse);

    /// <summary>Reads the body and requires a JSON object; otherwise the Port error to answer with.</summary>
    public static async Task<(JsonObject? Body, PortError? Error)> ReadObjectAsync(HttpContext context)
    {
        var (body, error) = await RequestBody.ReadAsync(context);
        if (error is not null)
        {
            return (null, error);
        }

        return body is JsonObject value ? (value, null) : (null, PortError.InvalidBody("body must be object"));
    }

    /// <summary>Query flags, or a 422 naming the bad ones.</summary>
    public static (bool[] Values, PortError? Error) Flags(HttpContext context, params string[] names)
    {
        var problems = new List<string>();
        var values = names.Select(name => RequestValues.Flag(context, name, false, problems)).ToArray();
        return (values, problems.Count == 0 ? null : PortError.InvalidBody(string.Join("; ", problems)));
    }

    public static PortError BlueprintNotFound(string identifier) =>
        PortError.NotFound($"Blueprint with identifier \"{identifier}\" was not found");

    public static PortError? Invalid(Problems problems) => problems.Any ? PortError.InvalidBody(problems.ToString()) : null;
}

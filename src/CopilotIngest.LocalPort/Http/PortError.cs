using CopilotIngest.LocalPort.Json;
using Microsoft.AspNetCore.Http;

namespace CopilotIngest.LocalPort.Http;

/// <summary>An error answered in Port's shape <c>{ok:false, error, message}</c>, with the codes Port documents.</summary>
internal sealed record PortError(int StatusCode, string Code, string Message)
{
    public const string TooLargeMessage = "Request body is too large (limit is 1MiB)";

    public static PortError BadRequest(string message) => new(StatusCodes.Status400BadRequest, "bad_request", message);

    /// <summary>The body does not match the route's schema (Port answers 422).</summary>
    public static PortError InvalidBody(string message) => new(StatusCodes.Status422UnprocessableEntity, "bad_request", message);

    public static PortError NotFound(string message) => new(StatusCodes.Status404NotFound, "not_found", message);

    public static PortError IdentifierTaken(string message) => new(StatusCodes.Status409Conflict, "identifier_taken", message);

    public static PortError SchemaMismatch(string message) =>
        new(StatusCodes.Status422UnprocessableEntity, "blueprint_schema_mismatch", "The provided entity does not match the blueprint's schema: " + message);

    public static PortError Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, "unauthorized", message);

    public static PortError TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "request_too_large", TooLargeMessage);

    public static PortError Internal() => new(StatusCodes.Status500InternalServerError, "internal_error", "An internal error occurred");

    public IResult ToResult() => new JsonBytesResult(StatusCode, JsonText.ToUtf8(ToBody(), LocalPortJsonContext.Default.ErrorBody));

    public ErrorBody ToBody() => new(false, Code, Message);

    public Task WriteAsync(HttpContext context) => ToResult().ExecuteAsync(context);
}

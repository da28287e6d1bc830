using System.Text.Json.Serialization;

namespace CopilotIngest.LocalPort.Json;

/// <summary>Port's error body: <c>{ok:false, error, message}</c>.</summary>
internal sealed record ErrorBody(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message);

internal sealed record AccessTokenResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("accessToken")] string AccessToken,
    [property: JsonPropertyName("expiresIn")] long ExpiresIn,
    [property: JsonPropertyName("tokenType")] string TokenType);

internal sealed record OkResponse([property: JsonPropertyName("ok")] bool Ok);

internal sealed record CountResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("count")] long Count);

internal sealed record IdentifierResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("identifier")] string Identifier);

internal sealed record BulkEntityResult(
    [property: JsonPropertyName("created")] bool Created,
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("index")] int Index);

internal sealed record BulkEntityError(
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message);

internal sealed record BulkUpsertResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("entities")] IReadOnlyList<BulkEntityResult> Entities,
    [property: JsonPropertyName("errors")] IReadOnlyList<BulkEntityError> Errors);

internal sealed record BulkDeleteResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("deletedEntities")] IReadOnlyList<string> DeletedEntities);

/// <summary>The claims of a local access token (a JWT signed with HMAC-SHA256).</summary>
internal sealed record TokenClaims(
    [property: JsonPropertyName("sub")] string Subject,
    [property: JsonPropertyName("iat")] long IssuedAt,
    [property: JsonPropertyName("exp")] long ExpiresAt,
    [property: JsonPropertyName("jti")] string Id);

internal sealed record TokenHeader(
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("typ")] string Type);

/// <summary>What a search <c>next</c> cursor carries: the last identifier returned.</summary>
internal sealed record SearchCursorState([property: JsonPropertyName("after")] string After);

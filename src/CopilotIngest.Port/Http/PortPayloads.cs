using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CopilotIngest.Port.Http;

internal sealed record TokenRequest(string ClientId, string ClientSecret)
{
    /// <summary>Never shows the secret, should the request ever end up in a log.</summary>
    public override string ToString() => $"TokenRequest {{ ClientId = {ClientId} }}";
}

internal sealed record TokenResponse(string AccessToken, double ExpiresIn, string? TokenType = null);

/// <summary>An entity as Port's upsert routes take it.</summary>
internal sealed record EntityPayload(
    string Identifier,
    string Title,
    JsonObject Properties,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Relations);

internal sealed record BulkUpsertResponse(List<BulkEntityResultPayload>? Entities = null, List<BulkEntityErrorPayload>? Errors = null);

internal sealed record BulkEntityResultPayload(string? Identifier = null, double? Index = null, bool? Created = null);

internal sealed record BulkEntityErrorPayload(string? Identifier = null, double? Index = null, double? StatusCode = null, string? Error = null, string? Message = null);

internal sealed record SearchRequestPayload(
    JsonObject Query,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Include,
    int Limit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? From);

internal sealed record SearchResponse(List<JsonObject> Entities, string? Next = null);

internal sealed record BulkDeleteRequest(IReadOnlyCollection<string> Entities);

internal sealed record BulkDeleteResponse(List<string> DeletedEntities);

internal sealed record BlueprintResponse(JsonObject Blueprint);

internal sealed record ErrorResponse(string? Error = null, string? Message = null);

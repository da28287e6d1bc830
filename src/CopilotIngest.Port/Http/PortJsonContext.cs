using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CopilotIngest.Port.Http;

/// <summary>Source-generated serialization of Port's payloads. Missing required members and nulls where a value is required fail parsing.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(EntityPayload))]
[JsonSerializable(typeof(BulkUpsertResponse))]
[JsonSerializable(typeof(SearchRequestPayload))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(BulkDeleteRequest))]
[JsonSerializable(typeof(BulkDeleteResponse))]
[JsonSerializable(typeof(BlueprintResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class PortJsonContext : JsonSerializerContext;

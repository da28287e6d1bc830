using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CopilotIngest.LocalPort.Json;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(OkResponse))]
[JsonSerializable(typeof(CountResponse))]
[JsonSerializable(typeof(IdentifierResponse))]
[JsonSerializable(typeof(BulkUpsertResponse))]
[JsonSerializable(typeof(BulkDeleteResponse))]
[JsonSerializable(typeof(TokenClaims))]
[JsonSerializable(typeof(TokenHeader))]
[JsonSerializable(typeof(SearchCursorState))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class LocalPortJsonContext : JsonSerializerContext;

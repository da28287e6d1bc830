using System.Net;
using System.Text.Json.Nodes;

namespace CopilotIngest.Port;

/// <summary>Port's per-entity answer to a bulk upsert (200 or 207): <see cref="Index"/> is the position in the request.</summary>
public sealed record BulkUpsertResult(HttpStatusCode StatusCode, IReadOnlyList<BulkEntityResult> Entities, IReadOnlyList<BulkEntityError> Errors);

public sealed record BulkEntityResult(int? Index, string? Identifier, bool Created);

public sealed record BulkEntityError(int? Index, string? Identifier, int? StatusCode, string Message);

/// <summary>One page of <c>POST /v1/blueprints/{bp}/entities/search</c>: <see cref="Next"/> is null on the last page.</summary>
public sealed record EntitySearchPage(IReadOnlyList<JsonObject> Entities, string? Next);

/// <summary>A search of one blueprint's entities. <see cref="Query"/> is Port's <c>{combinator, rules}</c>.</summary>
public sealed record EntitySearchRequest(JsonObject Query, IReadOnlyList<string>? Include = null, int Limit = EntitySearchRequest.MaxLimit, string? From = null)
{
    public const int MaxLimit = 1000;
}

using System.Text.Json.Nodes;

namespace CopilotIngest.Port.Tests.Fakes;

/// <summary>Reads what the client sent.</summary>
internal static class Bodies
{
    public static JsonObject Object(RecordedRequest request) => JsonNode.Parse(request.Body)!.AsObject();

    public static IReadOnlyList<JsonObject> Entities(RecordedRequest request) =>
        [.. Object(request)["entities"]!.AsArray().Select(e => e!.AsObject())];

    public static IReadOnlyList<string> Identifiers(RecordedRequest request) =>
        [.. Entities(request).Select(e => e["identifier"]!.GetValue<string>())];

    public static bool IsBulkUpsert(RecordedRequest request) => request.Method == "POST" && request.PathAndQuery.Contains("/entities/bulk", StringComparison.Ordinal);

    public static bool IsSingleUpsert(RecordedRequest request) =>
        request.Method == "POST" && request.PathAndQuery.Contains("/entities?", StringComparison.Ordinal);

    public static bool IsSearch(RecordedRequest request) => request.Method == "POST" && request.PathAndQuery.EndsWith("/entities/search", StringComparison.Ordinal);

    public static bool IsBlueprintRead(RecordedRequest request) =>
        request.Method == "GET" && request.PathAndQuery.StartsWith("/v1/blueprints/", StringComparison.Ordinal) && request.PathAndQuery.Count(c => c == '/') == 3;

    public static bool IsToken(RecordedRequest request) => request.PathAndQuery.StartsWith("/v1/auth/access_token", StringComparison.Ordinal);
}

using System.Collections.Concurrent;

namespace CopilotIngest.LocalPort.Http;

/// <summary>
/// Counts received requests by what they do (bulk upsert, search, delete, …), so a benchmark or a test can say where a
/// run's Port requests went.
/// </summary>
internal sealed class RequestKinds
{
    public const string Token = "token";
    public const string BulkUpsert = "bulk upsert";
    public const string BulkDelete = "bulk delete";
    public const string Search = "search";
    public const string EntityWrite = "entity write";
    public const string EntityRead = "entity read";
    public const string EntityDelete = "entity delete";
    public const string Setup = "blueprints, scorecards, pages";
    public const string Other = "other";

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Requests counted so far, by kind; kinds never requested are absent.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Count(string method, string path) => _counts.AddOrUpdate(Classify(method, path), 1, (_, count) => count + 1);

    /// <summary>The kind of <c>method path</c>, from the routes the local Port serves.</summary>
    public static string Classify(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        if (segments.Length < 2 || !string.Equals(segments[0], "v1", StringComparison.Ordinal))
        {
            return Other;
        }

        if (segments is [_, "auth", "access_token"])
        {
            return Token;
        }

        if (segments is [_, "entities", "search"] || segments is [_, "blueprints", _, "entities", "search"])
        {
            return Search;
        }

        if (segments is [_, "blueprints", _, "entities", "bulk"])
        {
            return BulkUpsert;
        }

        if (segments is [_, "blueprints", _, "bulk", "entities", "delete"])
        {
            return BulkDelete;
        }

        if (segments is [_, "blueprints", _, "entities", ..] || segments is [_, "blueprints", _, "entities-count"])
        {
            return method switch
            {
                "GET" => EntityRead,
                "DELETE" => EntityDelete,
                _ => EntityWrite,
            };
        }

        return segments[1] is "blueprints" or "pages" or "scorecards" ? Setup : Other;
    }
}

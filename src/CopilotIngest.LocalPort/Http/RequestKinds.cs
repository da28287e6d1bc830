using System.Collections.Concurrent;

namespace CopilotIngest.LocalPort.Http;

/// <summary>
/// Counts received requests by what they do (bulk upsert, search, delete, …), so a benchmark or a test can say where a
/// run's Port requests went, and when they arrived.
/// </summary>
internal sealed class RequestKinds(TimeProvider timeProvider)
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

    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _arrivals = new(StringComparer.Ordinal);

    /// <summary>Requests counted so far, by kind; kinds never requested are absent.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        _arrivals.ToDictionary(k => k.Key, k => (long)Locked(k.Value, list => list.Count), StringComparer.Ordinal);

    /// <summary>When the requests of <paramref name="kind"/> arrived, in order; empty when none did.</summary>
    public IReadOnlyList<DateTimeOffset> Arrivals(string kind) =>
        _arrivals.TryGetValue(kind, out var list) ? Locked(list, l => l.ToArray()) : [];

    public void Count(string method, string path)
    {
        var list = _arrivals.GetOrAdd(Classify(method, path), _ => []);
        var now = timeProvider.GetUtcNow();
        lock (list)
        {
            list.Add(now);
        }
    }

    private static T Locked<T>(List<DateTimeOffset> list, Func<List<DateTimeOffset>, T> read)
    {
        lock (list)
        {
            return read(list);
        }
    }

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

using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;
using CopilotIngest.Port.Http;

namespace CopilotIngest.Port.Sink;

/// <summary>Lists (paginated search, 1000 a page) and deletes (bulk, 100 a call, without dependents) Port entities.</summary>
public sealed class PortEntityStore(PortClient client) : IEntityStore
{
    public async IAsyncEnumerable<string> ListIdentifiersAsync(string blueprint, string? identifierPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? from = null;
        do
        {
            var request = new EntitySearchRequest(Query(identifierPrefix), ["$identifier"], EntitySearchRequest.MaxLimit, from);
            var page = await client.SearchEntitiesAsync(blueprint, request, cancellationToken);
            foreach (var entity in page.Entities)
            {
                yield return entity["identifier"] is JsonValue value && value.TryGetValue<string>(out var identifier)
                    ? identifier
                    : throw new ApiException(PortErrors.Service, null, $"Port listed an entity of blueprint {blueprint} without a string identifier. Check PORT_BASE_URL points at Port's API.");
            }

            from = page.Next;
            if (from is not null && !cursors.Add(from))
            {
                throw new ApiException(PortErrors.Service, null, $"Port returned the same page cursor twice while listing blueprint {blueprint}; stopped to avoid an endless listing.");
            }
        }
        while (from is not null);
    }

    public async Task<IReadOnlyList<string>> DeleteAsync(string blueprint, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        ArgumentNullException.ThrowIfNull(identifiers);
        var deleted = new List<string>(identifiers.Count);
        foreach (var chunk in identifiers.Distinct(StringComparer.Ordinal).Chunk(PortClient.MaxBulkDelete))
        {
            deleted.AddRange(await client.BulkDeleteAsync(blueprint, chunk, cancellationToken));
        }

        return deleted;
    }

    private static JsonObject Query(string? identifierPrefix)
    {
        var rules = new JsonArray();
        if (!string.IsNullOrEmpty(identifierPrefix))
        {
            rules.Add(new JsonObject { ["property"] = "$identifier", ["operator"] = "beginsWith", ["value"] = identifierPrefix });
        }

        return new JsonObject { ["combinator"] = "and", ["rules"] = rules };
    }
}

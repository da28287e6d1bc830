using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;
using CopilotIngest.Port.Http;

namespace CopilotIngest.Port.Sink;

/// <summary>
/// Lists (paginated search, 1000 a page, only the identifier and the content hash) and deletes (bulk, 100 a call,
/// without dependents) Port entities.
/// </summary>
public sealed class PortEntityStore(PortClient client) : IEntityStore
{
    public async IAsyncEnumerable<string> ListIdentifiersAsync(string blueprint, string? identifierPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        await foreach (var entity in SearchAllAsync(blueprint, Query(identifierPrefix), ["$identifier"], cancellationToken))
        {
            yield return Identifier(blueprint, entity);
        }
    }

    /// <summary>
    /// One <c>GET</c> of the blueprint (does it keep <see cref="HeldEntities.ContentHashProperty"/>?), then every entity's
    /// identifier and hash, 1,000 a page: about 1 request per 1,000 entities, once per blueprint and run.
    /// </summary>
    public async Task<HeldEntities> ListHeldAsync(string blueprint, CancellationToken cancellationToken) =>
        await ListHeldAsync(blueprint, await KeepsContentHashAsync(blueprint, cancellationToken), cancellationToken);

    /// <summary>Whether the blueprint has <see cref="HeldEntities.ContentHashProperty"/>; an <see cref="ApiException"/> (404) naming <c>setup</c> when it does not exist.</summary>
    public async Task<bool> KeepsContentHashAsync(string blueprint, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        var definition = await client.GetBlueprintAsync(blueprint, cancellationToken)
            ?? throw new ApiException(PortErrors.Service, HttpStatusCode.NotFound, $"Blueprint {blueprint} does not exist in Port: run `copilot-ingest setup` first.");
        return definition["schema"]?["properties"]?[HeldEntities.ContentHashProperty] is JsonObject;
    }

    /// <summary>Lists the blueprint's entities, with their hashes when <paramref name="hashesKept"/>.</summary>
    public async Task<HeldEntities> ListHeldAsync(string blueprint, bool hashesKept, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        IReadOnlyList<string> include = hashesKept ? ["$identifier", HeldEntities.ContentHashProperty] : ["$identifier"];
        var entities = new List<HeldEntity>();
        await foreach (var entity in SearchAllAsync(blueprint, Query(null), include, cancellationToken))
        {
            var hash = hashesKept && entity["properties"]?[HeldEntities.ContentHashProperty] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            entities.Add(new HeldEntity(Identifier(blueprint, entity), hash));
        }

        return new HeldEntities(blueprint, entities, hashesKept);
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

    private async IAsyncEnumerable<JsonObject> SearchAllAsync(string blueprint, JsonObject query, IReadOnlyList<string> include, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? from = null;
        do
        {
            var request = new EntitySearchRequest(query, include, EntitySearchRequest.MaxLimit, from);
            var page = await client.SearchEntitiesAsync(blueprint, request, cancellationToken);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            from = page.Next;
            if (from is not null && !cursors.Add(from))
            {
                throw new ApiException(PortErrors.Service, null, $"Port returned the same page cursor twice while listing blueprint {blueprint}; stopped to avoid an endless listing.");
            }
        }
        while (from is not null);
    }

    private static string Identifier(string blueprint, JsonObject entity) =>
        entity["identifier"] is JsonValue value && value.TryGetValue<string>(out var identifier)
            ? identifier
            : throw new ApiException(PortErrors.Service, null, $"Port listed an entity of blueprint {blueprint} without a string identifier. Check {PortSettings.BaseUrl} points at Port's API.");

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

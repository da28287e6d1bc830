using System.Text.Json;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Port.Http;

namespace CopilotIngest.Port;

public sealed partial class PortClient
{
    /// <summary>Port's limits for <c>POST …/entities/bulk</c>.</summary>
    public const int MaxBulkEntities = 20;

    public const int MaxRequestBytes = 1024 * 1024;

    /// <summary>Port's limit for <c>POST …/bulk/entities/delete</c>.</summary>
    public const int MaxBulkDelete = 100;

    private const string UpsertQuery = "upsert=true&merge=true";

    private static readonly byte[] s_bulkPrefix = "{\"entities\":["u8.ToArray();
    private static readonly byte[] s_bulkSuffix = "]}"u8.ToArray();

    /// <summary>Size of a bulk body holding entities of the given serialized sizes.</summary>
    public static long BulkBodySize(long entityBytesTotal, int count) =>
        s_bulkPrefix.Length + entityBytesTotal + Math.Max(0, count - 1) + s_bulkSuffix.Length;

    /// <summary>The JSON Port's upsert routes take for one entity.</summary>
    public static byte[] SerializeEntity(PortEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var payload = new EntityPayload(entity.Identifier, entity.Title, entity.Properties, entity.Relations);
        return JsonSerializer.SerializeToUtf8Bytes(payload, PortJsonContext.Default.EntityPayload);
    }

    /// <summary><c>POST /v1/blueprints/{bp}/entities/bulk?upsert=true&amp;merge=true</c> with at most 20 entities and 1 MiB.</summary>
    public Task<BulkUpsertResult> BulkUpsertAsync(string blueprint, IReadOnlyList<PortEntity> entities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entities);
        return BulkUpsertAsync(blueprint, entities.Select(SerializeEntity).ToList(), cancellationToken);
    }

    /// <summary>Bulk upsert of entities already serialized with <see cref="SerializeEntity"/>.</summary>
    public async Task<BulkUpsertResult> BulkUpsertAsync(string blueprint, IReadOnlyList<byte[]> serializedEntities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serializedEntities);
        if (serializedEntities.Count is 0 or > MaxBulkEntities)
        {
            throw new ArgumentException($"A bulk upsert takes 1 to {MaxBulkEntities} entities, got {serializedEntities.Count}.", nameof(serializedEntities));
        }

        var operation = new PortOperation($"upserting {serializedEntities.Count} entities of blueprint {blueprint}", blueprint);
        var content = PortTransport.Json(BulkBody(serializedEntities));
        var response = await SendRawAsync(HttpMethod.Post, $"v1/blueprints/{Segment(blueprint)}/entities/bulk?{UpsertQuery}", content, operation, cancellationToken);
        if (!response.IsSuccess)
        {
            throw Fail(response, operation);
        }

        var payload = PortTransport.Parse(response, PortJsonContext.Default.BulkUpsertResponse, operation);
        var entities = (payload.Entities ?? []).Where(e => e is not null)
            .Select(e => new BulkEntityResult(ToIndex(e.Index), e.Identifier, e.Created ?? false))
            .ToList();
        var errors = (payload.Errors ?? []).Where(e => e is not null)
            .Select(e => new BulkEntityError(ToIndex(e.Index), e.Identifier, ToIndex(e.StatusCode), e.Message ?? e.Error ?? "Port gave no reason."))
            .ToList();
        return new BulkUpsertResult(response.StatusCode, entities, errors);
    }

    /// <summary><c>POST /v1/blueprints/{bp}/entities?upsert=true&amp;merge=true</c> for one entity.</summary>
    public Task UpsertEntityAsync(string blueprint, PortEntity entity, CancellationToken cancellationToken) =>
        UpsertEntityAsync(blueprint, entity.Identifier, SerializeEntity(entity), cancellationToken);

    /// <summary>Single upsert of an entity already serialized with <see cref="SerializeEntity"/>.</summary>
    public async Task UpsertEntityAsync(string blueprint, string identifier, byte[] serializedEntity, CancellationToken cancellationToken)
    {
        var operation = new PortOperation($"upserting entity {identifier} of blueprint {blueprint}", blueprint);
        var content = PortTransport.Json(serializedEntity);
        var response = await SendRawAsync(HttpMethod.Post, $"v1/blueprints/{Segment(blueprint)}/entities?{UpsertQuery}", content, operation, cancellationToken);
        if (!response.IsSuccess)
        {
            throw Fail(response, operation);
        }
    }

    /// <summary>One page of <c>POST /v1/blueprints/{bp}/entities/search</c>.</summary>
    public async Task<EntitySearchPage> SearchEntitiesAsync(string blueprint, EntitySearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = new PortOperation($"searching entities of blueprint {blueprint}", blueprint);
        var payload = new SearchRequestPayload(request.Query, request.Include, Math.Clamp(request.Limit, 1, EntitySearchRequest.MaxLimit), request.From);
        var content = PortTransport.Json(payload, PortJsonContext.Default.SearchRequestPayload);
        var response = await SendAsync(HttpMethod.Post, $"v1/blueprints/{Segment(blueprint)}/entities/search", content, PortJsonContext.Default.SearchResponse, operation, cancellationToken);
        if (response.Entities.Any(e => e is null))
        {
            throw new Core.Http.ApiException(PortErrors.Service, null, $"Port answered {operation} with a null entity in the list. Check {PortSettings.BaseUrl} points at Port's API.");
        }

        return new EntitySearchPage(response.Entities, string.IsNullOrEmpty(response.Next) ? null : response.Next);
    }

    /// <summary><c>POST /v1/blueprints/{bp}/bulk/entities/delete?delete_dependents=false</c> for at most 100 entities; returns what Port deleted.</summary>
    public async Task<IReadOnlyList<string>> BulkDeleteAsync(string blueprint, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        if (identifiers.Count is 0 or > MaxBulkDelete)
        {
            throw new ArgumentException($"A bulk delete takes 1 to {MaxBulkDelete} identifiers, got {identifiers.Count}.", nameof(identifiers));
        }

        var operation = new PortOperation($"deleting {identifiers.Count} entities of blueprint {blueprint}", blueprint);
        var content = PortTransport.Json(new BulkDeleteRequest(identifiers), PortJsonContext.Default.BulkDeleteRequest);
        var response = await SendAsync(HttpMethod.Post, $"v1/blueprints/{Segment(blueprint)}/bulk/entities/delete?delete_dependents=false", content, PortJsonContext.Default.BulkDeleteResponse, operation, cancellationToken);
        return response.DeletedEntities.Where(id => id is not null).ToList();
    }

    private static byte[] BulkBody(IReadOnlyList<byte[]> serializedEntities)
    {
        var body = new byte[BulkBodySize(serializedEntities.Sum(e => (long)e.Length), serializedEntities.Count)];
        var span = body.AsSpan();
        s_bulkPrefix.CopyTo(span);
        var position = s_bulkPrefix.Length;
        for (var i = 0; i < serializedEntities.Count; i++)
        {
            if (i > 0)
            {
                span[position++] = (byte)',';
            }

            serializedEntities[i].CopyTo(span[position..]);
            position += serializedEntities[i].Length;
        }

        s_bulkSuffix.CopyTo(span[position..]);
        return body;
    }

    private static int? ToIndex(double? value) =>
        value is { } number && double.IsFinite(number) && number >= 0 && number <= int.MaxValue && Math.Floor(number) == number ? (int)number : null;
}

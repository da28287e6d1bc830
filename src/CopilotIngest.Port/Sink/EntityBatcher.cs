using System.Runtime.CompilerServices;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;

namespace CopilotIngest.Port.Sink;

/// <summary>
/// Groups a stream of entities into bulk batches of at most 20 entities and 1 MiB of request body. Entities Port
/// could never take (other blueprint, invalid identifier, larger than a request) are reported and left out. With
/// <c>held</c> (a blueprint that keeps content hashes), each entity carries its <see cref="ContentHash"/>, and those
/// whose hash Port already holds are counted unchanged and left out, so only changed entities fill batches.
/// </summary>
internal static class EntityBatcher
{
    /// <summary>The Entities API's bulk limits: 20 entities, 1 MiB of <c>{"entities":[...]}</c>.</summary>
    public static BatchLimits BulkApi { get; } = new(PortClient.MaxBulkEntities, PortClient.MaxRequestBytes, PortClient.BulkBodySize);

    public static IAsyncEnumerable<IReadOnlyList<SerializedEntity>> BatchAsync(
        string blueprint,
        IAsyncEnumerable<PortEntity> entities,
        UpsertTally tally,
        HeldEntities? held,
        CancellationToken cancellationToken) =>
        BatchAsync(blueprint, entities, tally, held, BulkApi, cancellationToken);

    public static async IAsyncEnumerable<IReadOnlyList<SerializedEntity>> BatchAsync(
        string blueprint,
        IAsyncEnumerable<PortEntity> entities,
        UpsertTally tally,
        HeldEntities? held,
        BatchLimits limits,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<SerializedEntity>(limits.MaxEntities);
        long batchBytes = 0;
        await foreach (var entity in entities.WithCancellation(cancellationToken))
        {
            if (Rejection(blueprint, entity) is { } reason)
            {
                tally.Fail(entity.Identifier, reason);
                continue;
            }

            var json = PortClient.SerializeEntity(entity);
            string? hash = null;
            if (held is not null)
            {
                hash = ContentHash.Of(json);
                if (string.Equals(held.ContentHash(entity.Identifier), hash, StringComparison.Ordinal))
                {
                    tally.AddUnchanged(1);
                    continue;
                }

                json = ContentHash.Serialize(entity, hash);
            }

            if (limits.BodySize(json.Length, 1) > limits.MaxBytes)
            {
                tally.Fail(entity.Identifier, $"Entity {entity.Identifier} is {json.Length:N0} bytes as JSON; Port takes at most {limits.MaxBytes:N0} bytes a request. Make its properties smaller.");
                continue;
            }

            if (batch.Count == limits.MaxEntities || limits.BodySize(batchBytes + json.Length, batch.Count + 1) > limits.MaxBytes)
            {
                yield return batch;
                batch = new List<SerializedEntity>(limits.MaxEntities);
                batchBytes = 0;
            }

            batch.Add(new SerializedEntity(entity, json, hash));
            batchBytes += json.Length;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static string? Rejection(string blueprint, PortEntity entity)
    {
        if (!string.Equals(entity.Blueprint, blueprint, StringComparison.Ordinal))
        {
            return $"Entity {entity.Identifier} belongs to blueprint {entity.Blueprint}, not {blueprint}.";
        }

        return PortIdentifier.IsValid(entity.Identifier)
            ? null
            : $"Identifier '{entity.Identifier}' is not valid in Port: use letters, digits and @ _ . + : \\ / = - only, at most {PortIdentifier.MaxLength} characters.";
    }
}

/// <summary>How large one request may be: at most <paramref name="MaxEntities"/> entities and <paramref name="MaxBytes"/> of body, the body size computed by <paramref name="BodySize"/> (entity bytes, entity count).</summary>
internal sealed record BatchLimits(int MaxEntities, long MaxBytes, Func<long, int, long> BodySize);

using System.Runtime.CompilerServices;
using CopilotIngest.Core.Entities;

namespace CopilotIngest.Port.Sink;

/// <summary>
/// Groups a stream of entities into bulk batches of at most 20 entities and 1 MiB of request body. Entities Port
/// could never take (other blueprint, invalid identifier, larger than a request) are reported and left out. With
/// <c>withHash</c>, each entity carries its <see cref="ContentHash"/>.
/// </summary>
internal static class EntityBatcher
{
    public static async IAsyncEnumerable<IReadOnlyList<SerializedEntity>> BatchAsync(
        string blueprint,
        IAsyncEnumerable<PortEntity> entities,
        UpsertTally tally,
        bool withHash,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<SerializedEntity>(PortClient.MaxBulkEntities);
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
            if (withHash)
            {
                hash = ContentHash.Of(json);
                json = ContentHash.Serialize(entity, hash);
            }

            if (PortClient.BulkBodySize(json.Length, 1) > PortClient.MaxRequestBytes)
            {
                tally.Fail(entity.Identifier, $"Entity {entity.Identifier} is {json.Length:N0} bytes as JSON; Port takes at most {PortClient.MaxRequestBytes:N0} bytes a request. Make its properties smaller.");
                continue;
            }

            if (batch.Count == PortClient.MaxBulkEntities || PortClient.BulkBodySize(batchBytes + json.Length, batch.Count + 1) > PortClient.MaxRequestBytes)
            {
                yield return batch;
                batch = new List<SerializedEntity>(PortClient.MaxBulkEntities);
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

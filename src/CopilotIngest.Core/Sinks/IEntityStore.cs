namespace CopilotIngest.Core.Sinks;

/// <summary>Reads and deletes what Port already holds: used to skip unchanged entities, find missing days and reconcile snapshots.</summary>
public interface IEntityStore
{
    /// <summary>Streams the identifiers of every entity of <paramref name="blueprint"/>, optionally only those whose identifier starts with <paramref name="identifierPrefix"/>.</summary>
    IAsyncEnumerable<string> ListIdentifiersAsync(string blueprint, string? identifierPrefix, CancellationToken cancellationToken);

    /// <summary>
    /// Lists every entity of <paramref name="blueprint"/> once, with its content hash when the blueprint keeps one. Call it
    /// once per run, before writing, and hand the result to the sink, the gap finder and the reconciler.
    /// </summary>
    async Task<HeldEntities> ListHeldAsync(string blueprint, CancellationToken cancellationToken)
    {
        var entities = new List<HeldEntity>();
        await foreach (var identifier in ListIdentifiersAsync(blueprint, null, cancellationToken))
        {
            entities.Add(new HeldEntity(identifier, null));
        }

        return new HeldEntities(blueprint, entities, hashesKept: false);
    }

    /// <summary>Deletes the given entities; returns the identifiers Port reports as deleted.</summary>
    Task<IReadOnlyList<string>> DeleteAsync(string blueprint, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken);
}

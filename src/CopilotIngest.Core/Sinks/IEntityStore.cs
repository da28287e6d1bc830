namespace CopilotIngest.Core.Sinks;

/// <summary>Reads and deletes what Port already holds: used to find missing days and to reconcile snapshots.</summary>
public interface IEntityStore
{
    /// <summary>Streams the identifiers of every entity of <paramref name="blueprint"/>, optionally only those whose identifier starts with <paramref name="identifierPrefix"/>.</summary>
    IAsyncEnumerable<string> ListIdentifiersAsync(string blueprint, string? identifierPrefix, CancellationToken cancellationToken);

    /// <summary>Deletes the given entities; returns the identifiers Port reports as deleted.</summary>
    Task<IReadOnlyList<string>> DeleteAsync(string blueprint, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken);
}

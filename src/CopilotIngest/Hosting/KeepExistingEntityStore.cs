using CopilotIngest.Core.Sinks;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Hosting;

/// <summary>
/// An entity store that reads but never deletes: used when the demo writes into a real Port, whose entities of the
/// same blueprints it did not create and must not remove.
/// </summary>
internal sealed partial class KeepExistingEntityStore(IEntityStore inner, ILogger<KeepExistingEntityStore> logger) : IEntityStore
{
    public IAsyncEnumerable<string> ListIdentifiersAsync(string blueprint, string? identifierPrefix, CancellationToken cancellationToken) =>
        inner.ListIdentifiersAsync(blueprint, identifierPrefix, cancellationToken);

    public Task<IReadOnlyList<string>> DeleteAsync(string blueprint, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        LogKept(identifiers.Count, blueprint);
        return Task.FromResult<IReadOnlyList<string>>([]);
    }

    [LoggerMessage(EventId = 940, Level = LogLevel.Warning, Message = "Keeping {Count} {Blueprint} entities the simulated sources did not return: the demo deletes nothing in a real Port")]
    private partial void LogKept(int count, string blueprint);
}

using CopilotIngest.Core.Entities;

namespace CopilotIngest.Core.Sinks;

/// <summary>Writes entities to Port (the Entities API, Port webhooks or the local Port).</summary>
public interface IEntitySink
{
    /// <summary>Upserts (create or merge) every entity of the stream; all must be of <paramref name="blueprint"/>.</summary>
    Task<UpsertReport> UpsertAsync(string blueprint, IAsyncEnumerable<PortEntity> entities, CancellationToken cancellationToken);

    /// <summary>
    /// Upserts like <see cref="UpsertAsync(string, IAsyncEnumerable{PortEntity}, CancellationToken)"/>, comparing with
    /// <paramref name="held"/>, the listing the caller already made this run (so the sink does not list again).
    /// </summary>
    Task<UpsertReport> UpsertAsync(string blueprint, IAsyncEnumerable<PortEntity> entities, HeldEntities? held, CancellationToken cancellationToken) =>
        UpsertAsync(blueprint, entities, cancellationToken);
}

using CopilotIngest.Core.Sinks;
using CopilotIngest.Port.Sink;

namespace CopilotIngest.Port.Webhooks;

/// <summary>
/// What Port holds, with <c>USE_PORT_WEBHOOK=true</c>: listing goes through the Entities API (webhooks cannot be read),
/// deleting through the data set's webhook (the mapping's delete operation). Callers (the reconciler, the identifier
/// migration) keep their guards; this only changes the route of the delete.
/// </summary>
public sealed class WebhookEntityStore(PortEntityStore api, PortWebhookSink webhooks) : IEntityStore
{
    public IAsyncEnumerable<string> ListIdentifiersAsync(string blueprint, string? identifierPrefix, CancellationToken cancellationToken) =>
        api.ListIdentifiersAsync(blueprint, identifierPrefix, cancellationToken);

    public Task<HeldEntities> ListHeldAsync(string blueprint, CancellationToken cancellationToken) => api.ListHeldAsync(blueprint, cancellationToken);

    public Task<IReadOnlyList<string>> DeleteAsync(string blueprint, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken) =>
        webhooks.DeleteAsync(blueprint, identifiers, cancellationToken);
}

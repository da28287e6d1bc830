using System.Globalization;
using System.Net;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;
using CopilotIngest.Port.Http;
using CopilotIngest.Port.Sink;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Webhooks;

/// <summary>
/// Writes entities through the data set's Port webhook (<c>USE_PORT_WEBHOOK=true</c>): payloads of at most 500 items and
/// 512 KiB, each signed and with its own request id, up to <c>PORT_MAX_CONCURRENCY</c> at once. What Port holds is still
/// read through the Entities API (identifiers and content hashes, once per blueprint and run), so only entities whose
/// content hash Port does not hold are posted. A 413 halves the payload; a payload Port refuses counts each of its
/// entities as failed with Port's message (their hash is not stored, so the next run posts them again).
/// </summary>
public sealed partial class PortWebhookSink(
    PortWebhookClient client,
    PortEntityStore store,
    IOptions<PortWebhookOptions> options,
    IOptions<PortOptions> portOptions,
    ILogger<PortWebhookSink> logger) : IEntitySink
{
    public async Task<UpsertReport> UpsertAsync(string blueprint, IAsyncEnumerable<PortEntity> entities, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        ArgumentNullException.ThrowIfNull(entities);
        HeldEntities? held;
        try
        {
            held = await store.ListHeldAsync(blueprint, cancellationToken);
        }
        catch (ApiException ex) when (ex.StatusCode != HttpStatusCode.NotFound)
        {
            // Without the listing every entity is posted; Port leaves unchanged ones as they are.
            LogListingFailed(blueprint, ex.Message);
            held = null;
        }

        return await UpsertAsync(blueprint, entities, held, cancellationToken);
    }

    public async Task<UpsertReport> UpsertAsync(string blueprint, IAsyncEnumerable<PortEntity> entities, HeldEntities? held, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        ArgumentNullException.ThrowIfNull(entities);
        var tally = new UpsertTally();
        var target = Target(blueprint);
        if (target is null)
        {
            var message = WebhookDataSet.ForBlueprint(blueprint) is { } known
                ? $"{known.UrlSetting} is not set: blueprint {blueprint} cannot be delivered through a webhook."
                : $"Blueprint {blueprint} has no webhook data set; it cannot be delivered with {PortWebhookSettings.Use}=true.";
            await foreach (var batch in EntityBatcher.BatchAsync(blueprint, entities, tally, null, Limits(0), cancellationToken))
            {
                tally.FailAll(batch, message);
            }

            return tally.ToReport();
        }

        var withHash = held is { HashesKept: true } ? held : null;
        var prefix = WebhookPayload.Prefix(blueprint, target.Value.DataSet.Name, WebhookPayload.Upsert);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = portOptions.Value.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(
            EntityBatcher.BatchAsync(blueprint, entities, tally, withHash, Limits(prefix.Length), cancellationToken),
            parallel,
            async (batch, token) => await SendAsync(target.Value, prefix, batch, tally, token));
        var report = tally.ToReport();
        LogUpserted(blueprint, report.Upserted, report.Unchanged, report.Failed);
        return report;
    }

    /// <summary>Posts delete items for <paramref name="identifiers"/> (the mapping's delete operation); returns those Port accepted.</summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(string blueprint, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        ArgumentNullException.ThrowIfNull(identifiers);
        var target = Target(blueprint) ?? throw new ApiException(
            PortErrors.Service,
            null,
            $"{WebhookDataSet.ForBlueprint(blueprint)?.UrlSetting ?? "PORT_WEBHOOK_URL_*"} is not set: cannot delete {blueprint} entities through a webhook.");
        var prefix = WebhookPayload.Prefix(blueprint, target.DataSet.Name, WebhookPayload.Delete);
        var accepted = new List<string>(identifiers.Count);
        var items = identifiers.Distinct(StringComparer.Ordinal).Select(id => (Identifier: id, Json: WebhookPayload.DeleteItem(id))).ToList();
        var batch = new List<(string Identifier, byte[] Json)>();
        long bytes = 0;
        foreach (var item in items)
        {
            if (batch.Count == options.Value.MaxItems || WebhookPayload.BodySize(prefix.Length, bytes + item.Json.Length, batch.Count + 1) > options.Value.MaxBytes)
            {
                accepted.AddRange(await PostDeletesAsync(target, prefix, batch, cancellationToken));
                batch = [];
                bytes = 0;
            }

            batch.Add(item);
            bytes += item.Json.Length;
        }

        if (batch.Count > 0)
        {
            accepted.AddRange(await PostDeletesAsync(target, prefix, batch, cancellationToken));
        }

        return accepted;
    }

    private async Task<IEnumerable<string>> PostDeletesAsync(WebhookTarget target, byte[] prefix, List<(string Identifier, byte[] Json)> batch, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Build(prefix, [.. batch.Select(b => b.Json)]);
        await client.PostAsync(target.Url, target.DataSet.UrlSetting, body, Describe("deleting", batch.Count, target), cancellationToken);
        return batch.Select(b => b.Identifier);
    }

    private WebhookTarget? Target(string blueprint) =>
        WebhookDataSet.ForBlueprint(blueprint) is { } dataSet && options.Value.UrlFor(blueprint) is { } url ? new WebhookTarget(dataSet, url) : null;

    private BatchLimits Limits(int prefixLength) =>
        new(options.Value.MaxItems, options.Value.MaxBytes, (bytes, count) => WebhookPayload.BodySize(prefixLength, bytes, count));

    private async Task SendAsync(WebhookTarget target, byte[] prefix, IReadOnlyList<SerializedEntity> batch, UpsertTally tally, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Build(prefix, [.. batch.Select(e => e.Json)]);
        try
        {
            await client.PostAsync(target.Url, target.DataSet.UrlSetting, body, Describe("upserting", batch.Count, target), cancellationToken);
            tally.AddUpserted(batch.Count);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.RequestEntityTooLarge && batch.Count > 1)
        {
            var half = batch.Count / 2;
            LogSplitting(target.DataSet.Blueprint, batch.Count);
            await SendAsync(target, prefix, [.. batch.Take(half)], tally, cancellationToken);
            await SendAsync(target, prefix, [.. batch.Skip(half)], tally, cancellationToken);
        }
        catch (ApiException ex)
        {
            LogPayloadFailed(target.DataSet.Blueprint, batch.Count, ex.Message);
            tally.FailAll(batch, ex.Message);
        }
    }

    private static string Describe(string verb, int count, WebhookTarget target) =>
        string.Create(CultureInfo.InvariantCulture, $"{verb} {count} {target.DataSet.Blueprint} entities through the {target.DataSet.Name} webhook");

    private readonly record struct WebhookTarget(WebhookDataSet DataSet, Uri Url);

    [LoggerMessage(EventId = 561, Level = LogLevel.Information, Message = "Port webhook for blueprint {Blueprint}: posted={Upserted} unchanged={Unchanged} failed={Failed}")]
    private partial void LogUpserted(string blueprint, int upserted, int unchanged, int failed);

    [LoggerMessage(EventId = 562, Level = LogLevel.Warning, Message = "A webhook payload of {Count} entities of blueprint {Blueprint} failed: {Reason}")]
    private partial void LogPayloadFailed(string blueprint, int count, string reason);

    [LoggerMessage(EventId = 563, Level = LogLevel.Information, Message = "Port found a webhook payload of {Count} entities of blueprint {Blueprint} too large; sending it in halves")]
    private partial void LogSplitting(string blueprint, int count);

    [LoggerMessage(EventId = 564, Level = LogLevel.Warning, Message = "Could not list the {Blueprint} entities Port holds ({Reason}); posting every entity")]
    private partial void LogListingFailed(string blueprint, string reason);
}

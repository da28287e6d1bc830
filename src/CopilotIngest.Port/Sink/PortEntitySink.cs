using System.Net;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Sink;

/// <summary>
/// Writes entities through Port's bulk API: batches of at most 20 entities and 1 MiB, up to
/// <c>PORT_MAX_CONCURRENCY</c> batches at once, <c>upsert=true&amp;merge=true</c>. What Port already holds is read once
/// per blueprint and run (<see cref="HeldEntities"/>, identifiers and content hashes, 1,000 a page); an entity whose
/// content hash Port already holds is not sent (counted unchanged), so an unchanged re-run costs about one request per
/// 1,000 entities. A blueprint without <c>content_hash</c> (set up by an older version) is compared batch by batch
/// instead. A 413 halves the batch; entities that fail in a bulk call are sent once more alone, and reported with
/// Port's message if they fail again.
/// </summary>
public sealed partial class PortEntitySink(PortClient client, PortEntityStore store, IOptions<PortOptions> options, ILogger<PortEntitySink> logger) : IEntitySink
{
    public async Task<UpsertReport> UpsertAsync(string blueprint, IAsyncEnumerable<PortEntity> entities, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        ArgumentNullException.ThrowIfNull(entities);
        await using var stream = entities.GetAsyncEnumerator(cancellationToken);
        if (!await stream.MoveNextAsync())
        {
            return UpsertReport.Empty;
        }

        entities = Rest(stream);
        HeldEntities? held;
        try
        {
            // A blueprint set up by an older version keeps no hash: each batch is then compared on its own instead.
            held = await store.KeepsContentHashAsync(blueprint, cancellationToken)
                ? await store.ListHeldAsync(blueprint, hashesKept: true, cancellationToken)
                : null;
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return await FailEveryEntityAsync(blueprint, entities, ex.Message, cancellationToken);
        }
        catch (ApiException ex)
        {
            // Without the listing, each batch is compared on its own (one search per batch), as before.
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
        var withHash = held is { HashesKept: true };
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(
            EntityBatcher.BatchAsync(blueprint, entities, tally, withHash ? held : null, cancellationToken),
            parallel,
            async (batch, token) => await WriteBatchAsync(blueprint, batch, withHash ? held : null, tally, token));
        var report = tally.ToReport();
        LogUpserted(blueprint, report.Upserted, report.Unchanged, report.Failed);
        return report;
    }

    /// <summary>The entity the enumerator is on, then the rest of its stream.</summary>
    private static async IAsyncEnumerable<PortEntity> Rest(IAsyncEnumerator<PortEntity> stream)
    {
        do
        {
            yield return stream.Current;
        }
        while (await stream.MoveNextAsync());
    }

    private static async Task<UpsertReport> FailEveryEntityAsync(string blueprint, IAsyncEnumerable<PortEntity> entities, string message, CancellationToken cancellationToken)
    {
        var tally = new UpsertTally();
        await foreach (var batch in EntityBatcher.BatchAsync(blueprint, entities, tally, held: null, cancellationToken))
        {
            tally.FailAll(batch, message);
        }

        return tally.ToReport();
    }

    private async Task WriteBatchAsync(string blueprint, IReadOnlyList<SerializedEntity> batch, HeldEntities? held, UpsertTally tally, CancellationToken cancellationToken)
    {
        IReadOnlyList<SerializedEntity> changed;
        if (held is not null)
        {
            // The batcher already left out the entities whose hash Port holds.
            changed = batch;
        }
        else
        {
            try
            {
                var page = await client.SearchEntitiesAsync(blueprint, UnchangedFilter.LookupRequest(batch), cancellationToken);
                (changed, var unchanged) = UnchangedFilter.Split(batch, page.Entities);
                tally.AddUnchanged(unchanged);
            }
            catch (ApiException ex) when (ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity)
            {
                // Port did not take the comparison query itself; that says nothing about the entities, so send them all.
                LogLookupRejected(blueprint, ex.Message);
                changed = batch;
            }
            catch (ApiException ex)
            {
                LogBatchFailed(blueprint, batch.Count, ex.Message);
                tally.FailAll(batch, ex.Message);
                return;
            }
        }

        if (changed.Count > 0)
        {
            await SendAsync(blueprint, changed, tally, cancellationToken);
        }
    }

    private async Task SendAsync(string blueprint, IReadOnlyList<SerializedEntity> batch, UpsertTally tally, CancellationToken cancellationToken)
    {
        BulkUpsertResult result;
        try
        {
            result = await client.BulkUpsertAsync(blueprint, batch.Select(e => e.Json).ToList(), cancellationToken);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.RequestEntityTooLarge && batch.Count > 1)
        {
            var half = batch.Count / 2;
            LogSplitting(blueprint, batch.Count);
            await SendAsync(blueprint, batch.Take(half).ToList(), tally, cancellationToken);
            await SendAsync(blueprint, batch.Skip(half).ToList(), tally, cancellationToken);
            return;
        }
        catch (ApiException ex)
        {
            LogBatchFailed(blueprint, batch.Count, ex.Message);
            tally.FailAll(batch, ex.Message);
            return;
        }

        var (succeeded, failed) = BulkOutcome.Resolve(batch, result);
        tally.AddUpserted(succeeded);
        foreach (var (entity, message) in failed)
        {
            LogRetryingAlone(blueprint, entity.Identifier, message);
            await SendAloneAsync(blueprint, entity, tally, cancellationToken);
        }
    }

    private async Task SendAloneAsync(string blueprint, SerializedEntity entity, UpsertTally tally, CancellationToken cancellationToken)
    {
        try
        {
            await client.UpsertEntityAsync(blueprint, entity.Identifier, entity.Json, cancellationToken);
            tally.AddUpserted(1);
        }
        catch (ApiException ex)
        {
            LogEntityFailed(blueprint, entity.Identifier, ex.Message);
            tally.Fail(entity.Identifier, ex.Message);
        }
    }

    [LoggerMessage(EventId = 530, Level = LogLevel.Information, Message = "Port blueprint {Blueprint}: upserted={Upserted} unchanged={Unchanged} failed={Failed}")]
    private partial void LogUpserted(string blueprint, int upserted, int unchanged, int failed);

    [LoggerMessage(EventId = 531, Level = LogLevel.Warning, Message = "A batch of {Count} entities of blueprint {Blueprint} failed: {Reason}")]
    private partial void LogBatchFailed(string blueprint, int count, string reason);

    [LoggerMessage(EventId = 532, Level = LogLevel.Information, Message = "Port found a batch of {Count} entities of blueprint {Blueprint} too large; sending it in halves")]
    private partial void LogSplitting(string blueprint, int count);

    [LoggerMessage(EventId = 533, Level = LogLevel.Information, Message = "Entity {Identifier} of blueprint {Blueprint} failed in a bulk call ({Reason}); sending it alone")]
    private partial void LogRetryingAlone(string blueprint, string identifier, string reason);

    [LoggerMessage(EventId = 534, Level = LogLevel.Warning, Message = "Entity {Identifier} of blueprint {Blueprint} failed: {Reason}")]
    private partial void LogEntityFailed(string blueprint, string identifier, string reason);

    [LoggerMessage(EventId = 535, Level = LogLevel.Warning, Message = "Port did not take the comparison search for blueprint {Blueprint} ({Reason}); sending the batch without comparing")]
    private partial void LogLookupRejected(string blueprint, string reason);

    [LoggerMessage(EventId = 536, Level = LogLevel.Warning, Message = "Could not list the {Blueprint} entities Port holds ({Reason}); comparing batch by batch instead")]
    private partial void LogListingFailed(string blueprint, string reason);
}

using System.Net;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Sink;

/// <summary>
/// Writes entities through Port's bulk API: batches of at most 20 entities and 1 MiB, up to
/// <c>PORT_MAX_CONCURRENCY</c> batches at once, <c>upsert=true&amp;merge=true</c>. Entities Port already holds with
/// equal values are not sent (counted unchanged). A 413 halves the batch; entities that fail in a bulk call are sent
/// once more alone, and reported with Port's message if they fail again.
/// </summary>
public sealed partial class PortEntitySink(PortClient client, IOptions<PortOptions> options, ILogger<PortEntitySink> logger) : IEntitySink
{
    public async Task<UpsertReport> UpsertAsync(string blueprint, IAsyncEnumerable<PortEntity> entities, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blueprint);
        ArgumentNullException.ThrowIfNull(entities);
        var tally = new UpsertTally();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(
            EntityBatcher.BatchAsync(blueprint, entities, tally, cancellationToken),
            parallel,
            async (batch, token) => await WriteBatchAsync(blueprint, batch, tally, token));
        var report = tally.ToReport();
        LogUpserted(blueprint, report.Upserted, report.Unchanged, report.Failed);
        return report;
    }

    private async Task WriteBatchAsync(string blueprint, IReadOnlyList<SerializedEntity> batch, UpsertTally tally, CancellationToken cancellationToken)
    {
        IReadOnlyList<SerializedEntity> changed;
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

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Port blueprint {Blueprint}: upserted={Upserted} unchanged={Unchanged} failed={Failed}")]
    private partial void LogUpserted(string blueprint, int upserted, int unchanged, int failed);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "A batch of {Count} entities of blueprint {Blueprint} failed: {Reason}")]
    private partial void LogBatchFailed(string blueprint, int count, string reason);

    [LoggerMessage(EventId = 132, Level = LogLevel.Information, Message = "Port found a batch of {Count} entities of blueprint {Blueprint} too large; sending it in halves")]
    private partial void LogSplitting(string blueprint, int count);

    [LoggerMessage(EventId = 133, Level = LogLevel.Information, Message = "Entity {Identifier} of blueprint {Blueprint} failed in a bulk call ({Reason}); sending it alone")]
    private partial void LogRetryingAlone(string blueprint, string identifier, string reason);

    [LoggerMessage(EventId = 134, Level = LogLevel.Warning, Message = "Entity {Identifier} of blueprint {Blueprint} failed: {Reason}")]
    private partial void LogEntityFailed(string blueprint, string identifier, string reason);

    [LoggerMessage(EventId = 135, Level = LogLevel.Warning, Message = "Port did not take the comparison search for blueprint {Blueprint} ({Reason}); sending the batch without comparing")]
    private partial void LogLookupRejected(string blueprint, string reason);
}

using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LocalPortBench;

/// <summary>What one phase did: requests sent, wall time, and whether it ran to the end before the phase timeout.</summary>
internal sealed record PhaseResult(string Name, int Requests, TimeSpan Elapsed, bool Completed, string Note);

/// <summary>The benchmark phases, each sending the requests the sink sends for <c>count</c> entities.</summary>
internal sealed class BenchPhases(BenchClient client, int count, int concurrency, TimeSpan phaseTimeout)
{
    public const int BatchSize = 20;
    public const int PageSize = 1000;

    /// <summary>First load: bulk upserts of new entities.</summary>
    public Task<PhaseResult> LoadAsync(CancellationToken cancellationToken) =>
        RunBatchesAsync("load (bulk upsert, new)", async (batch, counter, token) =>
        {
            await client.BulkUpsertAsync(SampleEntities.Blueprint, batch.Select(i => SampleEntities.Entity(i, 0)), token);
            counter.Add(1);
        }, cancellationToken);

    /// <summary>Unchanged re-run: the sink's comparison search (<c>$identifier in [ids]</c>) then a bulk upsert of the same entities.</summary>
    public Task<PhaseResult> RerunAsync(CancellationToken cancellationToken) =>
        RunBatchesAsync("re-run (search in + bulk upsert, unchanged)", (batch, counter, token) => SearchAndUpsertAsync(batch, 0, counter, token), cancellationToken);

    /// <summary>Next report: the same comparison search and bulk upsert, every entity changed.</summary>
    public Task<PhaseResult> UpdateAsync(CancellationToken cancellationToken) =>
        RunBatchesAsync("update (search in + bulk upsert, all changed)", (batch, counter, token) => SearchAndUpsertAsync(batch, 1, counter, token), cancellationToken);

    /// <summary>Identifier listing: paged search with <c>beginsWith</c> on <c>$identifier</c>, 1000 a page, following <c>next</c>.</summary>
    public async Task<PhaseResult> ListAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(phaseTimeout);
        var watch = Stopwatch.StartNew();
        var requests = 0;
        var listed = 0;
        string? from = null;
        try
        {
            do
            {
                var body = new JsonObject
                {
                    ["query"] = new JsonObject
                    {
                        ["combinator"] = "and",
                        ["rules"] = new JsonArray(new JsonObject { ["property"] = "$identifier", ["operator"] = "beginsWith", ["value"] = SampleEntities.Prefix }),
                    },
                    ["include"] = new JsonArray("$identifier"),
                    ["limit"] = PageSize,
                };
                if (from is not null)
                {
                    body["from"] = from;
                }

                var (entities, next) = await client.SearchAsync(SampleEntities.Blueprint, body, timeout.Token);
                requests++;
                listed += entities.Count;
                from = next;
            }
            while (from is not null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new PhaseResult("list identifiers (beginsWith, 1000/page)", requests, watch.Elapsed, false, $"{listed} listed");
        }

        return new PhaseResult("list identifiers (beginsWith, 1000/page)", requests, watch.Elapsed, listed == count, $"{listed} listed");
    }

    private async Task SearchAndUpsertAsync(int[] batch, int generation, RequestCounter counter, CancellationToken cancellationToken)
    {
        var entities = batch.Select(i => SampleEntities.Entity(i, generation)).ToList();
        var (found, _) = await client.SearchAsync(SampleEntities.Blueprint, LookupRequest(entities), cancellationToken);
        if (found.Count != entities.Count)
        {
            throw new InvalidOperationException($"The comparison search found {found.Count} of {entities.Count} entities.");
        }

        await client.BulkUpsertAsync(SampleEntities.Blueprint, entities, cancellationToken);
        counter.Add(2);
    }

    private static JsonObject LookupRequest(List<JsonObject> entities)
    {
        var include = new JsonArray("$identifier", "$title");
        foreach (var key in entities[0]["properties"]!.AsObject().Select(p => p.Key))
        {
            include.Add(key);
        }

        return new JsonObject
        {
            ["query"] = new JsonObject
            {
                ["combinator"] = "and",
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["property"] = "$identifier",
                    ["operator"] = "in",
                    ["value"] = new JsonArray([.. entities.Select(e => e["identifier"]!.DeepClone())]),
                }),
            },
            ["include"] = include,
            ["limit"] = PageSize,
        };
    }

    private async Task<PhaseResult> RunBatchesAsync(string name, Func<int[], RequestCounter, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(phaseTimeout);
        var counter = new RequestCounter();
        var watch = Stopwatch.StartNew();
        var batches = Enumerable.Range(0, count).Chunk(BatchSize);
        try
        {
            await Parallel.ForEachAsync(
                batches,
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = timeout.Token },
                async (batch, token) => await send(batch, counter, token));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new PhaseResult(name, counter.Value, watch.Elapsed, false, string.Empty);
        }

        return new PhaseResult(name, counter.Value, watch.Elapsed, true, string.Empty);
    }
}

/// <summary>A thread-safe request count.</summary>
internal sealed class RequestCounter
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    public void Add(int requests) => Interlocked.Add(ref _value, requests);
}

using CopilotIngest.Output;

namespace ScaleBench;

/// <summary>
/// One run of the worker as the local Port counted it, and as the worker measured and summarised it.
/// <see cref="BulkUpserts"/> are the bulk upserts' arrivals at the local Port; <see cref="StartedAt"/> is when the worker process was started.
/// </summary>
internal sealed record BenchPass(
    string Name,
    WorkerMeasurement Worker,
    IReadOnlyDictionary<string, long> RequestsByKind,
    long RateLimited,
    RunSummary Summary,
    TimeSpan ServersCpuTime,
    DateTimeOffset StartedAt,
    IReadOnlyList<DateTimeOffset> BulkUpserts)
{
    public long Requests => RequestsByKind.Values.Sum();

    /// <summary>Bulk upserts per rate-limit window (windows aligned to whole multiples of <paramref name="window"/>, as the local Port counts them).</summary>
    public IEnumerable<int> BulkUpsertsPerWindow(TimeSpan window) =>
        BulkUpserts.GroupBy(at => (at - DateTimeOffset.UnixEpoch).Ticks / window.Ticks).OrderBy(g => g.Key).Select(g => g.Count());

    public long Written => Summary.DataSets.Sum(d => (long)d.Upserted);

    public long Unchanged => Summary.DataSets.Sum(d => (long)d.Unchanged);

    public long Deleted => Summary.DataSets.Sum(d => (long)d.Deleted);

    public long Failed => Summary.DataSets.Sum(d => (long)d.Failed);

    /// <summary>Port's floor for what this pass wrote: one bulk request per 20 entities, per data set.</summary>
    public long FloorRequests => Summary.DataSets.Sum(d => (d.Upserted + 19L) / 20);

    public double EntitiesPerSecond => Written / Math.Max(Worker.Elapsed.TotalSeconds, 0.001);

    /// <summary>The shortest time the request limit allows for <see cref="FloorRequests"/>.</summary>
    public TimeSpan FloorTime(double requestsPerSecond) => TimeSpan.FromSeconds(FloorRequests / requestsPerSecond);
}

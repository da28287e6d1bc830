using System.Globalization;

namespace ScaleBench;

/// <summary>Prints the two passes side by side, with the ratios to the floor Port's request limit sets.</summary>
internal static class ScaleReport
{
    public static async Task PrintAsync(TextWriter output, ScaleOptions options, BenchPass first, BenchPass rerun)
    {
        var rate = options.RequestsPerSecond;
        var floorTime = first.FloorTime(rate);
        var kinds = first.RequestsByKind.Keys.Union(rerun.RequestsByKind.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rows = new List<(string Name, string First, string Rerun)>
        {
            ("exit code", Text(first.Worker.ExitCode), Text(rerun.Worker.ExitCode)),
            ("wall time (worker)", Seconds(first.Worker.Elapsed), Seconds(rerun.Worker.Elapsed)),
            ("CPU time: worker", Seconds(first.Worker.CpuTime), Seconds(rerun.Worker.CpuTime)),
            ("CPU time: simulators and local Port", Seconds(first.ServersCpuTime), Seconds(rerun.ServersCpuTime)),
            ("Port requests (server-counted)", Text(first.Requests), Text(rerun.Requests)),
        };
        rows.AddRange(kinds.Select(kind => ($"  {kind}", Text(first.RequestsByKind.GetValueOrDefault(kind)), Text(rerun.RequestsByKind.GetValueOrDefault(kind)))));
        rows.AddRange(
        [
            ("answered 429", Text(first.RateLimited), Text(rerun.RateLimited)),
            ("entities written", Text(first.Written), Text(rerun.Written)),
            ("entities unchanged (not sent)", Text(first.Unchanged), Text(rerun.Unchanged)),
            ("entities deleted / failed", $"{Text(first.Deleted)} / {Text(first.Failed)}", $"{Text(rerun.Deleted)} / {Text(rerun.Failed)}"),
            ("entities written per second", Rate(first.EntitiesPerSecond), Rate(rerun.EntitiesPerSecond)),
            ("first / last bulk upsert after start", Span(first), Span(rerun)),
            ("peak working set (worker process)", WorkerProcess.Megabytes(first.Worker.PeakWorkingSetBytes), WorkerProcess.Megabytes(rerun.Worker.PeakWorkingSetBytes)),
            ("peak GC heap (sampled every 100 ms)", WorkerProcess.Megabytes(first.Worker.PeakGcHeapBytes), WorkerProcess.Megabytes(rerun.Worker.PeakGcHeapBytes)),
            ("allocated in total", WorkerProcess.Megabytes(first.Worker.AllocatedBytes), WorkerProcess.Megabytes(rerun.Worker.AllocatedBytes)),
        ]);

        await output.WriteLineAsync();
        await output.WriteLineAsync($"{string.Empty,-38} {"first run",16} {"unchanged re-run",18}");
        foreach (var (name, firstValue, rerunValue) in rows)
        {
            await output.WriteLineAsync($"{name,-38} {firstValue,16} {rerunValue,18}");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"floor (one bulk request per 20 written entities at {rate:0.##} requests/s): {first.FloorRequests:N0} requests, {floorTime.TotalSeconds:F1} s"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"first run: {Ratio(first.Requests, first.FloorRequests)} the floor in requests, {Ratio(first.Worker.Elapsed.TotalSeconds, floorTime.TotalSeconds)} in wall time"));
        if (options.PerWindow)
        {
            await output.WriteLineAsync($"first run, bulk upserts per rate-limit window: {string.Join(' ', first.BulkUpsertsPerWindow(options.RateLimit.Window))}");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"unchanged re-run: {(first.Requests == 0 ? 0 : 100.0 * rerun.Requests / first.Requests):F1} % of the first run's requests"));
    }

    private static string Text(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:F1} s");

    private static string Span(BenchPass pass) =>
        pass.BulkUpserts.Count == 0 ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{(pass.BulkUpserts[0] - pass.StartedAt).TotalSeconds:F1} / {(pass.BulkUpserts[^1] - pass.StartedAt).TotalSeconds:F1} s");

    private static string Rate(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:N0}");

    private static string Ratio(double measured, double floor) =>
        floor <= 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{measured / floor:F2}x");
}

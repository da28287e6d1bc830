using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CopilotIngest.Commands;
using CopilotIngest.Hosting;

namespace ScaleBench;

/// <summary>What one worker command measured about itself.</summary>
internal sealed record WorkerMeasurement(int ExitCode, TimeSpan Elapsed, TimeSpan CpuTime, long PeakWorkingSetBytes, long PeakGcHeapBytes, long AllocatedBytes, string Output);

/// <summary>
/// Runs one <c>copilot-ingest</c> command in a process of its own (this program, started again with <see cref="Mode"/>), so
/// that its memory is the worker's alone, not the simulators' or the local Port's. The environment is only what the
/// benchmark sets: nothing of the caller's own settings reaches the worker.
/// </summary>
internal static class WorkerProcess
{
    public const string Mode = "--worker";

    private static readonly string[] s_passedThrough = ["PATH", "HOME", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_HOME", "LANG"];

    /// <summary>In the child: run the command, then write what it measured to the report file named first.</summary>
    public static async Task<int> RunInChildAsync(string[] args, CancellationToken cancellationToken)
    {
        var reportPath = args[0];
        var peakHeap = 0L;
        using var sampler = TimeProvider.System.CreateTimer(
            _ => Interlocked.Exchange(ref peakHeap, Math.Max(Interlocked.Read(ref peakHeap), GC.GetGCMemoryInfo().HeapSizeBytes)),
            null,
            TimeSpan.Zero,
            TimeSpan.FromMilliseconds(100));
        var started = TimeProvider.System.GetTimestamp();
        var exitCode = await CliApplication.InvokeAsync(args[1..], CliContext.FromProcess(), cancellationToken);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var report = new JsonObject
        {
            ["exit_code"] = exitCode,
            ["seconds"] = elapsed.TotalSeconds,
            ["cpu_seconds"] = self.TotalProcessorTime.TotalSeconds,
            ["peak_working_set"] = self.PeakWorkingSet64,
            ["peak_gc_heap"] = Math.Max(Interlocked.Read(ref peakHeap), GC.GetGCMemoryInfo().HeapSizeBytes),
            ["allocated"] = GC.GetTotalAllocatedBytes(),
        };
        await File.WriteAllTextAsync(reportPath, report.ToJsonString(), cancellationToken);
        return exitCode;
    }

    /// <summary>In the benchmark: run <paramref name="command"/> with exactly <paramref name="settings"/> and wait for it.</summary>
    public static async Task<WorkerMeasurement> RunAsync(IReadOnlyDictionary<string, string?> settings, string workingDirectory, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var reportPath = Path.Combine(workingDirectory, "worker-report.json");
        File.Delete(reportPath);
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath!,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(start.FileName), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        foreach (var argument in (string[])[Mode, reportPath, .. command])
        {
            start.ArgumentList.Add(argument);
        }

        var inherited = start.Environment.Where(e => s_passedThrough.Contains(e.Key, StringComparer.Ordinal)).ToList();
        start.Environment.Clear();
        foreach (var (key, value) in inherited)
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            if (value is not null)
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = new StringBuilder();
        var stdout = CopyAsync(process.StandardOutput, output, cancellationToken);
        var stderr = CopyAsync(process.StandardError, output, cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr);
        if (!File.Exists(reportPath))
        {
            throw new InvalidOperationException($"The worker ended with exit code {process.ExitCode} before it reported:{Environment.NewLine}{output}");
        }

        var report = JsonNode.Parse(await File.ReadAllTextAsync(reportPath, cancellationToken))!;
        return new WorkerMeasurement(
            report["exit_code"]!.GetValue<int>(),
            TimeSpan.FromSeconds(report["seconds"]!.GetValue<double>()),
            TimeSpan.FromSeconds(report["cpu_seconds"]!.GetValue<double>()),
            report["peak_working_set"]!.GetValue<long>(),
            report["peak_gc_heap"]!.GetValue<long>(),
            report["allocated"]!.GetValue<long>(),
            output.ToString());
    }

    private static async Task CopyAsync(StreamReader reader, StringBuilder into, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }
    }

    /// <summary>Bytes as mebibytes, for the report.</summary>
    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F0} MB");
}

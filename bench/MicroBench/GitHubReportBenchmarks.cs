using BenchmarkDotNet.Attributes;
using CopilotIngest.GitHub.Json;
using CopilotIngest.GitHub.Reports;

namespace MicroBench;

/// <summary>Reading GitHub's per-user usage report (NDJSON) record by record, as the report reader does.</summary>
[MemoryDiagnoser]
public class GitHubReportBenchmarks
{
    private byte[] _ndjson = [];

    [GlobalSetup]
    public void Setup() => _ndjson = ReportInputs.GitHubUsersNdjson();

    [Benchmark(OperationsPerInvoke = ReportInputs.Records)]
    public async Task<long> ParseUserReportNdjson()
    {
        using var stream = new MemoryStream(_ndjson, writable: false);
        long total = 0;
        await foreach (var line in NdjsonReader.ReadAsync(stream, GitHubJsonContext.Default.UserDayUsage, 8 * 1024 * 1024, CancellationToken.None))
        {
            total += line.Value?.LocAddedSum ?? 0;
        }

        return total;
    }
}

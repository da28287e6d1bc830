using System.Globalization;

namespace LocalPortBench;

/// <summary>Command-line settings of the benchmark.</summary>
internal sealed record BenchSettings(IReadOnlyList<int> EntityCounts, int Concurrency, TimeSpan PhaseTimeout)
{
    public static BenchSettings Parse(string[] args)
    {
        IReadOnlyList<int> counts = [10_000, 50_000];
        var concurrency = 4;
        var timeout = TimeSpan.FromMinutes(10);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--entities":
                    counts = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
                    break;
                case "--concurrency":
                    concurrency = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--phase-timeout":
                    timeout = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]} (use --entities, --concurrency, --phase-timeout).");
            }
        }

        return new BenchSettings(counts, concurrency, timeout);
    }
}

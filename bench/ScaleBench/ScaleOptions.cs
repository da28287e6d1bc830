using System.Globalization;
using CopilotIngest.LocalPortHost;

namespace ScaleBench;

/// <summary>What the benchmark simulates and the request limit the local Port enforces.</summary>
internal sealed record ScaleOptions(
    int Seats,
    int Organizations,
    int M365Users,
    bool SeatDetails,
    bool UserMetrics,
    bool TeamMetrics,
    bool Enterprise,
    LocalPortRateLimit RateLimit,
    int LookbackDays,
    int Seed)
{
    /// <summary>Further worker settings (<c>--set NAME=VALUE</c>, e.g. <c>PORT_MAX_CONCURRENCY=8</c>); they win over the benchmark's own.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A file the workers' own output is written to (<c>--worker-log FILE</c>), for a timeline with <c>--set LOG_FORMAT=json</c>.</summary>
    public string? WorkerLog { get; init; }

    /// <summary>Print the first run's bulk upserts per rate-limit window (<c>--per-window</c>): how fully the pacing uses each window.</summary>
    public bool PerWindow { get; init; }

    public const string Usage =
        "ScaleBench [--seats 20000] [--orgs 1] [--m365-users 0] [--seat-details] [--user-metrics] [--team-metrics] [--enterprise] " +
        "[--rate-limit 60/1] [--lookback-days 28] [--seed 42] [--set NAME=VALUE]… [--worker-log FILE] [--per-window]";

    /// <summary>Requests per second the local Port allows.</summary>
    public double RequestsPerSecond => RateLimit.Requests / RateLimit.Window.TotalSeconds;

    /// <summary>Reads the command line; throws <see cref="ArgumentException"/> listing every problem.</summary>
    public static ScaleOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ScaleOptions(20_000, 1, 0, false, false, false, false, new LocalPortRateLimit(60, TimeSpan.FromSeconds(1)), 28, 42);
        var problems = new List<string>();
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : string.Empty;
            int Number(int min, int max)
            {
                var text = Value();
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                {
                    return value;
                }

                problems.Add($"{name} must be a whole number from {min:N0} to {max:N0}, got '{text}'.");
                return min;
            }

            switch (name)
            {
                case "--seats":
                    options = options with { Seats = Number(1, 100_000) };
                    break;
                case "--orgs":
                    options = options with { Organizations = Number(1, 50) };
                    break;
                case "--m365-users":
                    options = options with { M365Users = Number(0, 200_000) };
                    break;
                case "--lookback-days":
                    options = options with { LookbackDays = Number(1, 365) };
                    break;
                case "--seed":
                    options = options with { Seed = Number(0, int.MaxValue) };
                    break;
                case "--seat-details":
                    options = options with { SeatDetails = true };
                    break;
                case "--user-metrics":
                    options = options with { UserMetrics = true };
                    break;
                case "--team-metrics":
                    options = options with { TeamMetrics = true };
                    break;
                case "--enterprise":
                    options = options with { Enterprise = true };
                    break;
                case "--set":
                    var setting = Value();
                    var equals = setting.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        problems.Add($"--set must be NAME=VALUE, got '{setting}'.");
                    }
                    else
                    {
                        extra[setting[..equals]] = setting[(equals + 1)..];
                    }

                    break;
                case "--per-window":
                    options = options with { PerWindow = true };
                    break;
                case "--worker-log":
                    options = options with { WorkerLog = Value() };
                    if (options.WorkerLog.Length == 0)
                    {
                        problems.Add("--worker-log needs a file name.");
                    }

                    break;
                case "--rate-limit":
                    var text = Value();
                    try
                    {
                        options = options with { RateLimit = LocalPortRateLimit.Parse(text) ?? options.RateLimit };
                    }
                    catch (CopilotIngest.Settings.SettingsException ex)
                    {
                        problems.Add($"--rate-limit: {string.Join(' ', ex.Problems)}");
                    }

                    break;
                default:
                    problems.Add($"Unknown option '{name}'.");
                    break;
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, [.. problems, "Usage: " + Usage]));
        }

        return options with { Extra = extra };
    }

    /// <summary>The organizations' logins: <c>org-01</c>, <c>org-02</c>, …</summary>
    public IReadOnlyList<string> OrganizationLogins() =>
        [.. Enumerable.Range(1, Organizations).Select(i => string.Create(CultureInfo.InvariantCulture, $"org-{i:D2}"))];
}

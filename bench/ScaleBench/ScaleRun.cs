using System.Globalization;
using System.Text.Json;
using CopilotIngest.Demo;
using CopilotIngest.LocalPort;
using CopilotIngest.Output;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Simulation.Graph;

namespace ScaleBench;

/// <summary>
/// Starts the simulated GitHub and Microsoft Graph and a rate-limited local Port, applies the blueprints with
/// <c>copilot-ingest setup</c>, then runs <c>copilot-ingest run</c> twice (a first run into an empty Port and an
/// unchanged re-run), each in a worker process of its own, counting Port requests at the server.
/// </summary>
internal static class ScaleRun
{
    public static async Task<int> RunAsync(ScaleOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("scale-bench-");
        try
        {
            await using var port = await LocalPortServer.StartAsync(
                new LocalPortServerOptions
                {
                    DatabasePath = Path.Combine(directory.FullName, "port.db"),
                    RateLimit = options.RateLimit.Requests,
                    RateLimitPeriod = options.RateLimit.Window,
                },
                cancellationToken);
            await using var sources = await SimulatedSources.StartAsync(
                new SimulatedGitHubOptions
                {
                    Organizations = options.OrganizationLogins(),
                    Seats = options.Seats,
                    Seed = options.Seed,
                    // GitHub's own limit is not what this measures.
                    RateLimitPerHour = 10_000_000,
                },
                new SimulatedGraphOptions { LicensedUsers = Math.Max(1, options.M365Users), Seed = options.Seed },
                cancellationToken);

            var settings = Settings(options, port, sources);
            await PrintHeaderAsync(output, options, sources);

            var setup = await WorkerProcess.RunAsync(settings, directory.FullName, ["setup"], cancellationToken);
            if (setup.ExitCode != 0)
            {
                await output.WriteLineAsync($"setup failed (exit {setup.ExitCode}):{Environment.NewLine}{setup.Output}");
                return 1;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"setup: {port.RequestCount} Port requests, {setup.Elapsed.TotalSeconds:F1} s (not counted below)"));
            var first = await PassAsync("first run", settings, directory.FullName, port, output, options.WorkerLog, cancellationToken);
            var rerun = await PassAsync("unchanged re-run", settings, directory.FullName, port, output, options.WorkerLog, cancellationToken);
            await ScaleReport.PrintAsync(output, options, first, rerun);
            return first.Worker.ExitCode == 0 && rerun.Worker.ExitCode == 0 ? 0 : 1;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<BenchPass> PassAsync(
        string name, IReadOnlyDictionary<string, string?> settings, string directory, LocalPortServer port, TextWriter output, string? workerLog, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"{name}…");
        var summaryPath = Path.Combine(directory, "summary.json");
        var before = port.RequestCountsByKind();
        var rejectedBefore = port.RateLimitedCount;
        var serversCpu = CurrentCpu();
        var startedAt = TimeProvider.System.GetUtcNow();
        var worker = await WorkerProcess.RunAsync(settings, directory, ["run", "--summary-json", summaryPath], cancellationToken);
        var after = port.RequestCountsByKind();
        serversCpu = CurrentCpu() - serversCpu;
        var requests = after.ToDictionary(k => k.Key, k => k.Value - before.GetValueOrDefault(k.Key), StringComparer.Ordinal);
        var summary = JsonSerializer.Deserialize(await File.ReadAllTextAsync(summaryPath, cancellationToken), RunSummaryJsonContext.Default.RunSummary)!;
        if (workerLog is not null)
        {
            await File.AppendAllTextAsync(workerLog, $"# {name}, started {startedAt:O}{Environment.NewLine}{worker.Output}", cancellationToken);
        }

        if (worker.ExitCode != 0)
        {
            await output.WriteLineAsync($"{name} ended with exit code {worker.ExitCode}:{Environment.NewLine}{worker.Output}");
        }

        var writes = port.RequestArrivals("bulk upsert").Where(at => at >= startedAt).ToList();
        return new BenchPass(name, worker, requests, port.RateLimitedCount - rejectedBefore, summary, serversCpu, startedAt, writes);
    }

    /// <summary>CPU time of this process so far: the simulators and the local Port.</summary>
    private static TimeSpan CurrentCpu()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The settings of a production run, pointed at the simulated services and the local Port.</summary>
    private static Dictionary<string, string?> Settings(ScaleOptions options, LocalPortServer port, SimulatedSources sources)
    {
        var settings = new Dictionary<string, string?>(sources.Settings(), StringComparer.Ordinal)
        {
            ["PORT_BASE_URL"] = port.BaseAddress.ToString().TrimEnd('/'),
            ["PORT_CLIENT_ID"] = port.ClientId,
            ["PORT_CLIENT_SECRET"] = port.ClientSecret,
            ["INGEST_M365"] = options.M365Users > 0 ? "true" : "false",
            ["GITHUB_SEAT_DETAILS"] = options.SeatDetails ? "true" : "false",
            ["GITHUB_USER_METRICS"] = options.UserMetrics ? "true" : "false",
            ["GITHUB_TEAM_METRICS"] = options.TeamMetrics ? "true" : "false",
            ["GITHUB_USAGE_LOOKBACK_DAYS"] = options.LookbackDays.ToString(CultureInfo.InvariantCulture),
            ["LOG_LEVEL"] = "Warning",
        };
        if (!options.Enterprise)
        {
            settings["GITHUB_ENTERPRISE"] = null;
        }

        foreach (var (key, value) in options.Extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task PrintHeaderAsync(TextWriter output, ScaleOptions options, SimulatedSources sources)
    {
        var population = sources.GitHub.Population;
        var seats = population.Organizations.Sum(o => o.SeatedUsers.Count) + (options.Enterprise ? population.EnterpriseSeatCount : 0);
        var extra = options.Extra.Count > 0 ? "; " + string.Join(", ", options.Extra.Select(e => $"{e.Key}={e.Value}")) : string.Empty;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ScaleBench: {options.Seats:N0} seated users in {options.Organizations} organization(s){(options.Enterprise ? " and the enterprise" : string.Empty)} " +
            $"({seats:N0} seats listed), {options.M365Users:N0} Microsoft 365 users; seat details {OnOff(options.SeatDetails)}, user metrics {OnOff(options.UserMetrics)}, " +
            $"team metrics {OnOff(options.TeamMetrics)}, {options.LookbackDays}-day lookback; local Port limit {options.RateLimit.Requests} requests / " +
            $"{options.RateLimit.Window.TotalSeconds:F0} s; {Environment.ProcessorCount} CPU(s){extra}"));
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}

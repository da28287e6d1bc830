using System.Globalization;
using CopilotIngest.LocalPort;
using LocalPortBench;

// Measures the local Port under the sink's load: a first load, an unchanged re-run (comparison search + bulk upsert per batch)
// and the paged identifier listing. Usage: LocalPortBench [--entities 10000,50000] [--concurrency 4] [--phase-timeout 600]
var settings = BenchSettings.Parse(args);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

foreach (var count in settings.EntityCounts)
{
    var directory = Path.Combine(Path.GetTempPath(), "localport-bench", Guid.NewGuid().ToString("N"));
    try
    {
        await using var server = await LocalPortServer.StartAsync(
            new LocalPortServerOptions
            {
                DatabasePath = Path.Combine(directory, "port.db"),
                RateLimit = int.MaxValue,
                RateLimitPeriod = TimeSpan.FromSeconds(1),
            },
            stop.Token);
        using var client = await BenchClient.ConnectAsync(server, stop.Token);
        await client.CreateBlueprintAsync(Path.Combine(AppContext.BaseDirectory, "m365_copilot_user.json"), stop.Token);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {count:N0} entities, batches of {BenchPhases.BatchSize}, {settings.Concurrency} concurrent requests"));
        var phases = new BenchPhases(client, count, settings.Concurrency, settings.PhaseTimeout);
        BenchReport.Print(await phases.LoadAsync(stop.Token));
        BenchReport.Print(await phases.RerunAsync(stop.Token));
        BenchReport.Print(await phases.UpdateAsync(stop.Token));
        BenchReport.Print(await phases.ListAsync(stop.Token));
        var stored = await server.CountEntitiesAsync(SampleEntities.Blueprint, stop.Token);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   stored: {stored:N0}"));
    }
    finally
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

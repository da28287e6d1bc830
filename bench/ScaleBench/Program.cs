using ScaleBench;

// The worker at enterprise scale: simulated GitHub and Microsoft Graph, a rate-limited local Port, and `copilot-ingest run`
// twice (first run, unchanged re-run), each in a process of its own. Usage: see ScaleOptions.Usage.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

if (args is [WorkerProcess.Mode, ..])
{
    return await WorkerProcess.RunInChildAsync(args[1..], stop.Token);
}

ScaleOptions options;
try
{
    options = ScaleOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

return await ScaleRun.RunAsync(options, Console.Out, stop.Token);

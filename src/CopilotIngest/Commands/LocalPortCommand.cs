using System.CommandLine;
using CopilotIngest.Hosting;
using CopilotIngest.LocalPortHost;
using CopilotIngest.Port;

namespace CopilotIngest.Commands;

/// <summary><c>copilot-ingest local-port</c>: run the embedded Port-compatible server alone.</summary>
internal static class LocalPortCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("local-port", "Start the local Port (a Port-compatible API on 127.0.0.1 backed by SQLite) and print its URL and credentials.");
        var dataDir = CommonOptions.DataDir();
        var listenPort = new Option<int>("--listen-port")
        {
            Description = "TCP port on 127.0.0.1 (0 = any free port).",
            DefaultValueFactory = _ => 0,
            HelpName = "port",
        };
        listenPort.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--listen-port must be from 0 to 65535.");
            }
        });
        command.Options.Add(dataDir);
        command.Options.Add(listenPort);
        command.SetAction((parseResult, cancellationToken) => CommandGuard.RunAsync(
            context,
            () => ExecuteAsync(context, LocalPortDataDirectory.Resolve(context, parseResult.GetValue(dataDir)), parseResult.GetValue(listenPort), cancellationToken),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, string dataDirectory, int listenPort, CancellationToken cancellationToken)
    {
        var rateLimit = LocalPortRateLimit.From(context.Environment);
        await using var server = await LocalPortLauncher.StartAsync(dataDirectory, listenPort, rateLimit, context.TimeProvider, cancellationToken);
        await context.Out.WriteLineAsync($"Local Port listening on {server.BaseAddress} (data: {server.DatabasePath})");
        if (rateLimit is not null)
        {
            await context.Out.WriteLineAsync($"Rate limit: {rateLimit.Requests} requests per {rateLimit.Window.TotalSeconds:0} s ({LocalPortRateLimit.Setting})");
        }

        await context.Out.WriteLineAsync("Point copilot-ingest or any Port client at it with:");
        await context.Out.WriteLineAsync($"  {PortSettings.BaseUrl}={server.BaseAddress.ToString().TrimEnd('/')}");
        await context.Out.WriteLineAsync($"  {PortSettings.ClientId}={server.ClientId}");
        await context.Out.WriteLineAsync($"  {PortSettings.ClientSecret}={server.ClientSecret}");
        await context.Out.WriteLineAsync($"Dashboards in a browser: {server.DashboardsAddress} (e.g. {server.DashboardAddress(ProductFiles.DefaultDashboardPage)})");
        await context.Out.WriteLineAsync("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Out.WriteLineAsync("Local Port stopped.");
        }

        return ExitCodes.Success;
    }
}

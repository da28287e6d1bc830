using System.CommandLine;
using System.Text;
using CopilotIngest.Hosting;
using CopilotIngest.LocalPortHost;
using CopilotIngest.Port;

namespace CopilotIngest.Commands;

/// <summary><c>copilot-ingest dashboard --out report.html</c>: a dashboard page of the local Port as one self-contained HTML file.</summary>
internal static class DashboardCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "dashboard",
            $"Write a dashboard page of the local Port (after 'demo', or 'setup' and 'run' with {PortSettings.BaseUrl}={EmbeddedPort.LocalValue}) as one self-contained HTML file: " +
            "data, chart library and script inlined, no request to any other host when opened.");
        var output = new Option<string>("--out")
        {
            Description = "The HTML file to write, e.g. report.html.",
            HelpName = "file",
            Required = true,
        };
        var page = new Option<string>("--page")
        {
            Description = $"The dashboard page's identifier (default: {ProductFiles.DefaultDashboardPage}, the page of configs/dashboards).",
            DefaultValueFactory = _ => ProductFiles.DefaultDashboardPage,
            HelpName = "identifier",
        };
        var dataDir = CommonOptions.DataDir();
        command.Options.Add(output);
        command.Options.Add(page);
        command.Options.Add(dataDir);
        command.SetAction((parseResult, cancellationToken) => CommandGuard.RunAsync(
            context,
            () => ExecuteAsync(
                context,
                LocalPortDataDirectory.Resolve(context, parseResult.GetValue(dataDir)),
                parseResult.GetValue(page)!,
                Path.GetFullPath(Path.Combine(context.WorkingDirectory, parseResult.GetValue(output)!)),
                cancellationToken),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, string dataDirectory, string page, string outputFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(dataDirectory, LocalPortLauncher.DatabaseFileName)))
        {
            await context.Error.WriteLineAsync($"No local Port data in {dataDirectory}: run 'copilot-ingest demo' first (or pass --data-dir).");
            return ExitCodes.InvalidSettings;
        }

        await using var server = await LocalPortLauncher.StartAsync(dataDirectory, listenPort: 0, context.TimeProvider, cancellationToken);
        var html = await server.RenderDashboardAsync(page, cancellationToken);
        if (html is null)
        {
            var pages = (await server.ListPagesAsync(cancellationToken)).Select(p => p["identifier"]?.ToString()).OfType<string>().ToList();
            await context.Error.WriteLineAsync(
                $"The local Port in {dataDirectory} holds no page '{page}'" +
                (pages.Count == 0 ? ": run 'copilot-ingest setup' (or demo) to create it." : $"; it holds: {string.Join(", ", pages)}."));
            return ExitCodes.InvalidSettings;
        }

        var folder = Path.GetDirectoryName(outputFile);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(outputFile, html, new UTF8Encoding(false), cancellationToken);
        await context.Out.WriteLineAsync($"Wrote the dashboard '{page}' to {outputFile} ({html.Length / 1024:N0} KiB, self-contained: open it in any browser).");
        return ExitCodes.Success;
    }
}

using CopilotIngest.LocalPort;
using Spectre.Console;

namespace CopilotIngest.Demo;

/// <summary>Tells the user where the demo's data lives and how to look at it.</summary>
internal static class DataLocation
{
    public static async Task PrintAsync(Hosting.CliContext context, LocalPortServer server, CancellationToken cancellationToken)
    {
        var console = Output.Consoles.Create(context.Out, context.Interactive);
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]In the local Port[/]");
        table.AddColumns("Blueprint", "Entities");
        table.Columns[1].RightAligned();
        foreach (var blueprint in (await server.ListBlueprintsAsync(cancellationToken)).Where(b => !b.StartsWith('_')))
        {
            var count = await server.CountEntitiesAsync(blueprint, cancellationToken);
            table.AddRow(Markup.Escape(blueprint), count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var dataDirectory = Path.GetDirectoryName(server.DatabasePath)!;
        console.MarkupLineInterpolated($"Data: [bold]{server.DatabasePath}[/] (SQLite; kept between runs).");
        console.MarkupLineInterpolated($"Explore it: [bold]copilot-ingest local-port --data-dir {dataDirectory}[/] prints a Port API URL and credentials to query.");
        console.MarkupLineInterpolated($"Dashboard: [bold]copilot-ingest dashboard --out report.html[/] writes it as one HTML file; [bold]copilot-ingest demo --serve[/] serves it live.");
    }
}

using CopilotIngest.Core.Diagnostics;
using CopilotIngest.Hosting;
using Spectre.Console;

namespace CopilotIngest.Diagnostics;

/// <summary>Prints <c>verify</c>'s parity rows: a table in a terminal, aligned plain lines otherwise (logs, CI).</summary>
internal static class ParityPrinter
{
    public static async Task PrintAsync(CliContext context, IReadOnlyList<ParityRow> rows)
    {
        if (context.Interactive)
        {
            PrintTable(Output.Consoles.Create(context.Out, interactive: true), rows);
        }
        else
        {
            await PrintLinesAsync(context.Out, rows);
        }

        var differ = rows.Count(r => r.Outcome != ParityOutcome.Match);
        await context.Out.WriteLineAsync(differ == 0
            ? $"verify: {rows.Count} checks, Port matches the sources."
            : $"verify: {rows.Count} checks, {differ} differ. A run ('copilot-ingest run') brings Port up to date; if a difference stays after a run, compare the notes above.");
    }

    private static string Result(ParityOutcome outcome) => outcome switch
    {
        ParityOutcome.Match => "match",
        ParityOutcome.Mismatch => "MISMATCH",
        _ => "ERROR",
    };

    private static void PrintTable(IAnsiConsole console, IReadOnlyList<ParityRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]copilot-ingest verify[/]");
        table.AddColumns("Data set", "Check", "Source", "Port", "Result");
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var row in rows)
        {
            var result = row.Outcome == ParityOutcome.Match ? "[green]match[/]" : $"[red]{Result(row.Outcome)}[/]";
            var check = row.Note is null ? Markup.Escape(row.Check) : $"{Markup.Escape(row.Check)}\n[dim]{Markup.Escape(row.Note)}[/]";
            table.AddRow(Markup.Escape(row.DataSet), check, Markup.Escape(row.Source), Markup.Escape(row.Port), result);
        }

        console.Write(table);
    }

    private static async Task PrintLinesAsync(TextWriter writer, IReadOnlyList<ParityRow> rows)
    {
        var dataSet = rows.Select(r => r.DataSet.Length).DefaultIfEmpty(0).Max();
        var check = rows.Select(r => r.Check.Length).DefaultIfEmpty(0).Max();
        var source = Math.Max("source".Length, rows.Select(r => r.Source.Length).DefaultIfEmpty(0).Max());
        var port = Math.Max("Port".Length, rows.Select(r => r.Port.Length).DefaultIfEmpty(0).Max());
        await writer.WriteLineAsync($"{"result",-8} {"data set".PadRight(dataSet)}  {"check".PadRight(check)}  {"source".PadLeft(source)}  {"Port".PadLeft(port)}");
        foreach (var row in rows)
        {
            await writer.WriteLineAsync($"{Result(row.Outcome),-8} {row.DataSet.PadRight(dataSet)}  {row.Check.PadRight(check)}  {row.Source.PadLeft(source)}  {row.Port.PadLeft(port)}");
            if (row.Note is not null)
            {
                await writer.WriteLineAsync($"{string.Empty,-8} {string.Empty.PadRight(dataSet)}  note: {row.Note}");
            }
        }
    }
}

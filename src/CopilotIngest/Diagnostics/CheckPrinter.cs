using CopilotIngest.Core.Diagnostics;
using CopilotIngest.Hosting;
using Spectre.Console;

namespace CopilotIngest.Diagnostics;

/// <summary>Prints <c>doctor</c>'s results: a table in a terminal, aligned plain lines otherwise (logs, CI).</summary>
internal static class CheckPrinter
{
    public static async Task PrintAsync(CliContext context, IReadOnlyList<CheckResult> results)
    {
        if (context.Interactive)
        {
            PrintTable(Output.Consoles.Create(context.Out, interactive: true), results);
        }
        else
        {
            await PrintLinesAsync(context.Out, results);
        }

        await context.Out.WriteLineAsync(Summary(results));
    }

    public static string Summary(IReadOnlyList<CheckResult> results)
    {
        var problems = results.Count(r => r.Outcome == CheckOutcome.Problem);
        var warnings = results.Count(r => r.Outcome == CheckOutcome.Warning);
        var counts = $"{results.Count} checks: {results.Count(r => r.Outcome == CheckOutcome.Ok)} ok, {warnings} warning(s), {problems} problem(s).";
        return problems == 0 ? $"doctor: {counts}" : $"doctor: {counts} Fix the problems above and run 'copilot-ingest doctor' again.";
    }

    private static void PrintTable(IAnsiConsole console, IReadOnlyList<CheckResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]copilot-ingest doctor[/]");
        table.AddColumns("Area", "Check", "Result", "Found", "How to fix");
        foreach (var result in results)
        {
            var outcome = result.Outcome switch
            {
                CheckOutcome.Ok => "[green]ok[/]",
                CheckOutcome.Warning => "[yellow]warning[/]",
                _ => "[red]problem[/]",
            };
            table.AddRow(Markup.Escape(result.Area), Markup.Escape(result.Check), outcome, Markup.Escape(result.Detail), Markup.Escape(result.Fix ?? string.Empty));
        }

        console.Write(table);
    }

    private static async Task PrintLinesAsync(TextWriter writer, IReadOnlyList<CheckResult> results)
    {
        var area = results.Select(r => r.Area.Length).DefaultIfEmpty(0).Max();
        var check = results.Select(r => r.Check.Length).DefaultIfEmpty(0).Max();
        foreach (var result in results)
        {
            var outcome = result.Outcome switch
            {
                CheckOutcome.Ok => "ok",
                CheckOutcome.Warning => "warning",
                _ => "PROBLEM",
            };
            await writer.WriteLineAsync($"{outcome,-8} {result.Area.PadRight(area)}  {result.Check.PadRight(check)}  {result.Detail}");
            if (result.Fix is not null)
            {
                await writer.WriteLineAsync($"{string.Empty,-8} {string.Empty.PadRight(area)}  {string.Empty.PadRight(check)}  fix: {result.Fix}");
            }
        }
    }
}

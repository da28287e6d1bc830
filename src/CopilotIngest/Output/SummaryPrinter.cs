using System.Text.Json;
using CopilotIngest.Core.Ingestion;
using Spectre.Console;

namespace CopilotIngest.Output;

/// <summary>Prints the run summary as a table for people, and writes it as JSON when asked.</summary>
internal static class SummaryPrinter
{
    private const int MaxFailuresShown = 20;

    // Messages are for people reading the file: keep apostrophes and non-ASCII letters as they are.
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<RunSummary> s_summaryTypeInfo =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<RunSummary>)new JsonSerializerOptions(RunSummaryJsonContext.Default.Options)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }.GetTypeInfo(typeof(RunSummary));

    public static void PrintTable(IAnsiConsole console, IReadOnlyList<DataSetResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Run summary[/]");
        table.AddColumns("Data set", "Fetched", "Upserted", "Unchanged", "Deleted", "Failed", "Status");
        foreach (var column in table.Columns.Skip(1).Take(5))
        {
            column.RightAligned();
        }

        foreach (var r in results)
        {
            var status = r.Error is not null ? "[red]failed[/]" : r.Failed > 0 ? "[yellow]partial[/]" : "[green]ok[/]";
            table.AddRow(Markup.Escape(r.Name), N(r.Fetched), N(r.Upserted), N(r.Unchanged), Deleted(r), N(r.Failed), status);
        }

        console.Write(table);
        foreach (var r in results)
        {
            if (r.Error is not null)
            {
                console.MarkupLineInterpolated($"[red]{r.Name}[/]: {r.Error}");
            }

            // A data set that failed as a whole often lists the same reason per entity; say it once.
            foreach (var failure in r.Failures.Where(f => f.Message != r.Error).Take(MaxFailuresShown))
            {
                console.MarkupLineInterpolated($"[yellow]{r.Name}[/] {failure.Identifier}: {failure.Message}");
            }

            if (r.Failures.Count > MaxFailuresShown)
            {
                console.MarkupLineInterpolated($"[yellow]{r.Name}[/]: {r.Failures.Count - MaxFailuresShown} more failures (see --summary-json).");
            }

            foreach (var note in r.Notes ?? [])
            {
                console.MarkupLineInterpolated($"[blue]{r.Name}[/]: {note}");
            }
        }
    }

    public static async Task WriteJsonAsync(string destination, RunSummary summary, TextWriter standardOutput, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(summary, s_summaryTypeInfo);
        if (destination == "-")
        {
            await standardOutput.WriteLineAsync(json.AsMemory(), cancellationToken);
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(destination));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Write to a temporary file first so a reader never sees half a summary.
        var temporary = destination + ".tmp";
        await File.WriteAllTextAsync(temporary, json, cancellationToken);
        File.Move(temporary, destination, overwrite: true);
    }

    /// <summary>One line naming every data set that failed, for the exit message.</summary>
    public static string? FailureLine(IReadOnlyList<DataSetResult> results)
    {
        var failed = results.Where(r => !r.Succeeded).ToList();
        if (failed.Count == 0)
        {
            return null;
        }

        return "Failed: " + string.Join("; ", failed.Select(r => r.Error is not null ? $"{r.Name} ({r.Error})" : $"{r.Name} ({r.Failed} entities not written)"));
    }

    /// <summary>Deletions, and the stale entities a guard kept (each with a note below the table).</summary>
    private static string Deleted(DataSetResult result) =>
        result.NotDeleted > 0 ? $"{N(result.Deleted)} ({N(result.NotDeleted)} kept)" : N(result.Deleted);

    private static string N(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}

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
            var status = DataSetSummary.StatusOf(r) switch
            {
                "cancelled" => "[yellow]cancelled[/]",
                "failed" => "[red]failed[/]",
                "partial" => "[yellow]partial[/]",
                _ => "[green]ok[/]",
            };
            table.AddRow(Markup.Escape(r.Name), N(r.Fetched), N(r.Upserted), N(r.Unchanged), Deleted(r), N(r.Failed), status);
        }

        console.Write(table);
        foreach (var r in results)
        {
            if (r.Error is not null && r.Cancelled)
            {
                console.MarkupLineInterpolated($"[yellow]{r.Name}[/]: {r.Error}");
            }
            else if (r.Error is not null)
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

    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<RunSummary> s_compactTypeInfo =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<RunSummary>)new JsonSerializerOptions(s_summaryTypeInfo.Options) { WriteIndented = false }
            .GetTypeInfo(typeof(RunSummary));

    /// <summary>With <c>LOG_FORMAT=json</c>: the summary as the run's final log record, one line on standard output.</summary>
    public static async Task WriteLogLineAsync(Hosting.CliContext context, RunSummary summary)
    {
        var message = $"Run {summary.Outcome}: " + string.Join(", ", summary.DataSets.Select(d => $"{d.Name} {d.Status}"));
        var level = summary.Succeeded ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Error;
        var line = Logging.JsonLogLine.Create(
            context.TimeProvider.GetUtcNow(),
            level,
            Logging.CliMessages.Events.RunSummary,
            Logging.CliMessages.Category,
            summary.Error is null ? message : $"{message}. {summary.Error}",
            null,
            [],
            writer =>
            {
                writer.WritePropertyName("summary");
                JsonSerializer.Serialize(writer, summary, s_compactTypeInfo);
            });
        await context.Out.WriteLineAsync(line);
    }

    public static async Task WriteJsonAsync(string destination, RunSummary summary, TextWriter standardOutput, bool indented, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(summary, indented ? s_summaryTypeInfo : s_compactTypeInfo);
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
        var failed = results.Where(r => !r.Succeeded && !r.Cancelled).ToList();
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

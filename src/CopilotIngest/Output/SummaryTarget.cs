using CopilotIngest.Hosting;

namespace CopilotIngest.Output;

/// <summary>
/// Where the run summary goes (<c>--summary-json</c>, and with <c>LOG_FORMAT=json</c> one final JSON line on standard
/// output), and whether it was written yet: the command writes the full summary when it gets that far, and
/// <see cref="Commands.CommandGuard"/> writes a short one for any other exit.
/// </summary>
internal sealed class SummaryTarget(string? option, CliContext context)
{
    public DateTimeOffset StartedAt { get; } = context.TimeProvider.GetUtcNow();

    /// <summary><c>-</c> for standard output, a full path, or null when no summary file was asked for.</summary>
    public string? Destination { get; } = option is null or "-" ? option : Path.Combine(context.WorkingDirectory, option);

    /// <summary>True when the summary goes to standard output instead of the table.</summary>
    public bool ToStandardOutput => Destination == "-";

    public bool Written { get; private set; }

    /// <summary>Writes the summary (redacted) once; later calls do nothing. Never cancelled: the summary of a cancelled run matters most.</summary>
    public async Task WriteAsync(RunSummary summary)
    {
        if (Written)
        {
            return;
        }

        Written = true;
        var redacted = summary.Redacted(context.Redactor);
        if (Destination is not null)
        {
            await SummaryPrinter.WriteJsonAsync(Destination, redacted, context.Out, indented: !context.Output.Json, CancellationToken.None);
        }

        if (context.Output.Json && !ToStandardOutput)
        {
            await SummaryPrinter.WriteLogLineAsync(context, redacted);
        }
    }
}

using CopilotIngest.Core.Ingestion;
using CopilotIngest.Hosting;
using CopilotIngest.LocalPortHost;
using CopilotIngest.Logging;
using CopilotIngest.Output;
using CopilotIngest.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace CopilotIngest.Workflows;

/// <summary>What <c>run</c> (and the demo after it) does: validate settings, run every data set, report.</summary>
internal static class IngestionWorkflow
{
    public const string CancelledMessage = "Cancelled. What was written stays in Port; run again to complete (identifiers are deterministic, so nothing is duplicated).";

    /// <summary><c>run</c>: with <c>PORT_BASE_URL=local</c> the embedded local Port is started for the run.</summary>
    public static Task<int> RunWithPortTargetAsync(
        CliContext context, string? envFile, SummaryTarget summary, IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken) =>
        PortTarget.RunAsync(
            context,
            envFile,
            overrides,
            async (settings, embedded) =>
            {
                if (embedded.Server is not null)
                {
                    await CliMessages.ErrorAsync(context, LogLevel.Information, CliMessages.Events.Notice, $"Writing to the local Port at {embedded.Server.DatabasePath}.");
                }

                return await RunAsync(settings, context, summary, cancellationToken);
            },
            cancellationToken);

    /// <summary>
    /// Runs every data set and reports: the table (text) or the final JSON line (<c>LOG_FORMAT=json</c>), and the
    /// summary file. A cancelled run still reports what finished and what was cancelled, then exits 130.
    /// </summary>
    public static async Task<int> RunAsync(LoadedSettings settings, CliContext context, SummaryTarget summary, CancellationToken cancellationToken, WorkerFeatures features = WorkerFeatures.All)
    {
        using var host = await WorkerHost.StartAsync(settings, features, context, cancellationToken);
        var startedAt = summary.StartedAt;
        var console = Consoles.Create(context.Out, context.Interactive && !context.Output.Json);
        var runner = host.Services.GetRequiredService<IngestionRunner>();
        var results = context.Interactive && !context.Output.Json
            ? await console.Status().StartAsync("Starting…", status => runner.RunAsync(name => status.Status($"Ingesting {name}…"), cancellationToken))
            : await runner.RunAsync(cancellationToken);
        var finishedAt = context.TimeProvider.GetUtcNow();
        var cancelled = cancellationToken.IsCancellationRequested;
        var failure = SummaryPrinter.FailureLine(results);

        if (!summary.ToStandardOutput && !context.Output.Json)
        {
            SummaryPrinter.PrintTable(console, results);
        }

        var (outcome, exitCode) = cancelled ? (RunOutcome.Cancelled, ExitCodes.Cancelled)
            : failure is not null ? (RunOutcome.Failed, ExitCodes.DataSetFailed)
            : (RunOutcome.Succeeded, ExitCodes.Success);
        await summary.WriteAsync(RunSummary.From(results, startedAt, finishedAt, outcome, exitCode, cancelled ? CancelledMessage : failure));

        await host.StopAsync(CancellationToken.None);
        if (cancelled)
        {
            await CliMessages.ErrorAsync(context, LogLevel.Warning, CliMessages.Events.Cancelled, CancelledMessage);
            return ExitCodes.Cancelled;
        }

        if (failure is not null)
        {
            await CliMessages.ErrorAsync(context, LogLevel.Error, CliMessages.Events.DataSetsFailed, failure);
            return ExitCodes.DataSetFailed;
        }

        return ExitCodes.Success;
    }
}

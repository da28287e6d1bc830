using CopilotIngest.Core.Ingestion;
using CopilotIngest.Demo;
using CopilotIngest.Hosting;
using CopilotIngest.Logging;
using CopilotIngest.Output;
using CopilotIngest.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace CopilotIngest.Commands;

/// <summary>What <c>run</c> (and the demo after it) does: validate settings, run every data set, report.</summary>
internal static class IngestionWorkflow
{
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
        await summary.WriteAsync(RunSummary.From(results, startedAt, finishedAt, outcome, exitCode, cancelled ? CommandGuard.CancelledMessage : failure));

        await host.StopAsync(CancellationToken.None);
        if (cancelled)
        {
            await CliMessages.ErrorAsync(context, LogLevel.Warning, CliMessages.Events.Cancelled, CommandGuard.CancelledMessage);
            return ExitCodes.Cancelled;
        }

        if (failure is not null)
        {
            await CliMessages.ErrorAsync(context, LogLevel.Error, CliMessages.Events.DataSetsFailed, failure);
            return ExitCodes.DataSetFailed;
        }

        return ExitCodes.Success;
    }

    public const string DefaultEnvFile = ".env";

    /// <summary>
    /// Loads settings from the environment and a settings file, with <paramref name="overrides"/> winning: the file named by
    /// <c>--env-file</c> (which must exist), else <c>.env</c> in the working directory when there is one.
    /// </summary>
    public static LoadedSettings LoadSettings(CliContext context, string? envFileOption, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var path = Path.Combine(context.WorkingDirectory, envFileOption ?? DefaultEnvFile);
        var settings = Learn(context, SettingsLoader.Load(context.Environment, path, overrides));
        if (envFileOption is not null && !File.Exists(path))
        {
            return settings with { Errors = [.. settings.Errors, $"--env-file '{envFileOption}' does not exist (looked for {path})."] };
        }

        return settings;
    }

    /// <summary>Loads settings from the environment alone (the demo needs no settings file).</summary>
    public static LoadedSettings LoadEnvironmentSettings(CliContext context, IReadOnlyDictionary<string, string?>? overrides = null) =>
        Learn(context, SettingsLoader.Load(context.Environment, dotEnvPath: null, overrides));

    // Secrets from the settings file, secret files and the demo's overrides become known to the redactor.
    private static LoadedSettings Learn(CliContext context, LoadedSettings settings)
    {
        context.Redactor.AddSettings(settings.Configuration.AsEnumerable());
        context.Output.Json = LogSettings.IsJson(settings.Configuration);
        foreach (var warning in settings.Warnings.Where(context.Output.WarningsShown.Add))
        {
            CliMessages.Error(context, LogLevel.Warning, CliMessages.Events.SettingsWarning, "Warning: " + warning);
        }

        return settings;
    }
}

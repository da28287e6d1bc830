using CopilotIngest.Core.Ingestion;
using CopilotIngest.Demo;
using CopilotIngest.Hosting;
using CopilotIngest.Output;
using CopilotIngest.Settings;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CopilotIngest.Commands;

/// <summary>What <c>run</c> (and the demo after it) does: validate settings, run every data set, report.</summary>
internal static class IngestionWorkflow
{
    /// <summary><c>run</c>: with <c>PORT_BASE_URL=local</c> the embedded local Port is started for the run.</summary>
    public static async Task<int> RunWithPortTargetAsync(
        CliContext context, string? envFile, string? summaryJson, IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var settings = LoadSettings(context, envFile, overrides);
        await using var embedded = await EmbeddedPort.StartIfRequestedAsync(
            settings, EmbeddedPort.DataDirectory(settings, context.WorkingDirectory), unsetMeansLocal: false, context.TimeProvider, cancellationToken);
        if (embedded.Server is not null)
        {
            settings = LoadSettings(context, envFile, embedded.Overrides().Concat(overrides).ToDictionary());
            await context.Error.WriteLineAsync($"Writing to the local Port at {embedded.Server.DatabasePath}.");
        }

        return await RunAsync(settings, context, summaryJson, cancellationToken);
    }

    public static async Task<int> RunAsync(LoadedSettings settings, CliContext context, string? summaryJson, CancellationToken cancellationToken)
    {
        using var host = await WorkerHost.StartAsync(settings, WorkerFeatures.All, context, cancellationToken);
        var startedAt = context.TimeProvider.GetUtcNow();
        var console = Consoles.Create(context.Out, context.Interactive);
        var runner = host.Services.GetRequiredService<IngestionRunner>();
        var results = context.Interactive
            ? await console.Status().StartAsync("Starting…", status => runner.RunAsync(name => status.Status($"Ingesting {name}…"), cancellationToken))
            : await runner.RunAsync(cancellationToken);
        var finishedAt = context.TimeProvider.GetUtcNow();

        if (summaryJson != "-")
        {
            SummaryPrinter.PrintTable(console, results);
        }

        if (summaryJson is not null)
        {
            var destination = summaryJson == "-" ? summaryJson : Path.Combine(context.WorkingDirectory, summaryJson);
            await SummaryPrinter.WriteJsonAsync(destination, RunSummary.From(results, startedAt, finishedAt), context.Out, cancellationToken);
        }

        await host.StopAsync(cancellationToken);
        if (SummaryPrinter.FailureLine(results) is { } failure)
        {
            await context.Error.WriteLineAsync(failure);
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
        var settings = SettingsLoader.Load(context.Environment, path, overrides);
        if (envFileOption is not null && !File.Exists(path))
        {
            return settings with { Errors = [.. settings.Errors, $"--env-file '{envFileOption}' does not exist (looked for {path})."] };
        }

        return settings;
    }

    /// <summary>Loads settings from the environment alone (the demo needs no settings file).</summary>
    public static LoadedSettings LoadEnvironmentSettings(CliContext context, IReadOnlyDictionary<string, string?>? overrides = null) =>
        SettingsLoader.Load(context.Environment, dotEnvPath: null, overrides);
}

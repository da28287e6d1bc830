using CopilotIngest.Logging;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Hosting;

/// <summary>The composition root: one host per command, built from the loaded settings, validated before any work.</summary>
internal static class WorkerHost
{
    /// <summary>
    /// Builds and starts the host; throws <see cref="SettingsException"/> listing every settings problem.
    /// <paramref name="configure"/> adds a command's own services (e.g. the checks of <c>doctor</c>).
    /// </summary>
    public static async Task<IHost> StartAsync(LoadedSettings settings, WorkerFeatures features, CliContext context, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var problems = new List<string>(settings.Errors);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(settings.Configuration);
        builder.Services.AddSingleton(context.TimeProvider);
        builder.Services.AddSingleton(context.Redactor);
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        ConfigureLogging(builder.Logging, settings.Configuration, context, problems);
        builder.Services.AddSingleton<IngestionRunner>();
        WorkerModules.Register(builder.Services, settings.Configuration, features, problems);
        configure?.Invoke(builder.Services);

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (SettingsValidation.Problems(ex) is { } validationProblems)
        {
            problems.AddRange(validationProblems);
        }

        if (problems.Count > 0)
        {
            host.Dispose();
            throw new SettingsException([.. problems.Distinct(StringComparer.Ordinal)]);
        }

        return host;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, IConfiguration configuration, CliContext context, List<string> problems)
    {
        logging.ClearProviders();
        var level = LogSettings.ReadLevel(configuration, problems);
        var format = LogSettings.ReadFormat(configuration, problems);
        logging.SetMinimumLevel(level);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        // Start-up failures are reported by the command as one clear message, not as the host's stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        // Each client reports its own retries and final failures in one line; Polly's own events repeat them with stack traces.
        logging.AddFilter("Polly", LogLevel.None);

        // Logs go to standard error so standard output stays clean for the summary (and --summary-json -); every
        // line passes the redactor.
        logging.AddProvider(new CliLoggerProvider(context.Error, format, level, context.TimeProvider, context.Redactor));
    }
}

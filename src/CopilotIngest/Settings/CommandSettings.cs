using CopilotIngest.Hosting;
using CopilotIngest.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Settings;

/// <summary>
/// A command's settings: loaded from the environment (and a settings file), with their secrets taught to the
/// redactor, the log format applied and each warning printed once.
/// </summary>
internal static class CommandSettings
{
    public const string DefaultEnvFile = ".env";

    /// <summary>
    /// Loads settings from the environment and a settings file, with <paramref name="overrides"/> winning: the file named by
    /// <c>--env-file</c> (which must exist), else <c>.env</c> in the working directory when there is one.
    /// </summary>
    public static LoadedSettings Load(CliContext context, string? envFileOption, IReadOnlyDictionary<string, string?>? overrides = null)
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
    public static LoadedSettings LoadFromEnvironment(CliContext context, IReadOnlyDictionary<string, string?>? overrides = null) =>
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

using CopilotIngest.Hosting;
using CopilotIngest.Settings;

namespace CopilotIngest.LocalPortHost;

/// <summary>
/// The folder that holds the local Port's database and credentials: <c>--data-dir</c>, else <c>LOCAL_PORT_DATA_DIR</c>,
/// else <c>.copilot-ingest</c>, relative to the working directory.
/// </summary>
internal static class LocalPortDataDirectory
{
    public const string Setting = "LOCAL_PORT_DATA_DIR";
    public const string Default = ".copilot-ingest";

    /// <summary>For the commands with a <c>--data-dir</c> option (<c>demo</c>, <c>local-port</c>, <c>dashboard</c>): the option, else the environment.</summary>
    public static string Resolve(CliContext context, string? option)
    {
        var configured = option
            ?? (context.Environment.TryGetValue(Setting, out var fromEnvironment) && !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment : null)
            ?? Default;
        return Path.GetFullPath(Path.Combine(context.WorkingDirectory, configured));
    }

    /// <summary>For <c>PORT_BASE_URL=local</c>: the loaded settings (environment and settings file).</summary>
    public static string FromSettings(LoadedSettings settings, string workingDirectory) =>
        Path.GetFullPath(Path.Combine(workingDirectory, settings.Configuration[Setting] is { Length: > 0 } configured ? configured : Default));
}

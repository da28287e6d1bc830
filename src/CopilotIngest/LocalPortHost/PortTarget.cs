using CopilotIngest.Hosting;
using CopilotIngest.Settings;

namespace CopilotIngest.LocalPortHost;

/// <summary>
/// The settings of a command that talks to Port: with <c>PORT_BASE_URL=local</c> the embedded local Port is started
/// for the command and its address and credentials join the settings; it stops when the command ends.
/// </summary>
internal static class PortTarget
{
    public static async Task<int> RunAsync(
        CliContext context,
        string? envFile,
        IReadOnlyDictionary<string, string?>? overrides,
        Func<LoadedSettings, EmbeddedPort, Task<int>> command,
        CancellationToken cancellationToken)
    {
        var settings = CommandSettings.Load(context, envFile, overrides);
        await using var embedded = await EmbeddedPort.StartIfRequestedAsync(
            settings, LocalPortDataDirectory.FromSettings(settings, context.WorkingDirectory), unsetMeansLocal: false, context.TimeProvider, cancellationToken);
        if (embedded.Server is not null)
        {
            settings = CommandSettings.Load(context, envFile, embedded.Overrides().Concat(overrides ?? new Dictionary<string, string?>()).ToDictionary());
        }

        return await command(settings, embedded);
    }
}

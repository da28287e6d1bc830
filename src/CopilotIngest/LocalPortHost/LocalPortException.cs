using CopilotIngest.Hosting;

namespace CopilotIngest.LocalPortHost;

/// <summary>The local Port cannot start or keep its data: the message names the file, folder or port and the fix.</summary>
internal sealed class LocalPortException(string message, Exception? inner = null, int exitCode = ExitCodes.InvalidSettings)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

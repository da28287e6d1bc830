using Microsoft.Extensions.Hosting;

namespace CopilotIngest.LocalPort.Hosting;

/// <summary>A host lifetime that leaves Ctrl+C and SIGTERM to the application embedding the server.</summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;

namespace CopilotIngest.Hosting;

/// <summary>The command owns signals and cancellation, so the host neither listens for them nor prints lifetime messages.</summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

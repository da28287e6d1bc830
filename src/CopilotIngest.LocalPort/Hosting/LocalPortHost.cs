using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.LocalPort.Hosting;

/// <summary>Starts the embedded local Port once, on first use, and stops it when the container is disposed.</summary>
public sealed class LocalPortHost(IOptions<LocalPortSettings> settings, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LocalPortServer? _server;

    /// <summary>The running server (started by this call when needed): its <see cref="LocalPortServer.BaseAddress"/> and credentials feed the Port client.</summary>
    public async Task<LocalPortServer> GetServerAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _server ??= await LocalPortServer.StartAsync(settings.Value.ToServerOptions(timeProvider, loggerFactory), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gate.Dispose();
    }
}

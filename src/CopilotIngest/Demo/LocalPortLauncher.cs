using CopilotIngest.LocalPort;

namespace CopilotIngest.Demo;

/// <summary>Starts the embedded local Port on a data folder with its kept credentials.</summary>
internal static class LocalPortLauncher
{
    public const string DatabaseFileName = "local-port.db";

    public static Task<LocalPortServer> StartAsync(string dataDirectory, int listenPort, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var credentials = LocalPortCredentials.LoadOrCreate(dataDirectory);
        return LocalPortServer.StartAsync(
            new LocalPortServerOptions
            {
                DatabasePath = Path.Combine(dataDirectory, DatabaseFileName),
                ClientId = credentials.ClientId,
                ClientSecret = credentials.ClientSecret,
                Port = listenPort,
                TimeProvider = timeProvider,
            },
            cancellationToken);
    }
}

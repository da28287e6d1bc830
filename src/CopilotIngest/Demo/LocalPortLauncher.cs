using CopilotIngest.LocalPort;

namespace CopilotIngest.Demo;

/// <summary>Starts the embedded local Port on a data folder with its kept credentials.</summary>
internal static class LocalPortLauncher
{
    public const string DatabaseFileName = "local-port.db";

    /// <summary>Starts the local Port; a damaged database, an unwritable folder or a busy port throw <see cref="LocalPortException"/>.</summary>
    public static async Task<LocalPortServer> StartAsync(string dataDirectory, int listenPort, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var databasePath = Path.Combine(dataDirectory, DatabaseFileName);
        try
        {
            var credentials = LocalPortCredentials.LoadOrCreate(dataDirectory);
            return await LocalPortServer.StartAsync(
                new LocalPortServerOptions
                {
                    DatabasePath = databasePath,
                    ClientId = credentials.ClientId,
                    ClientSecret = credentials.ClientSecret,
                    Port = listenPort,
                    TimeProvider = timeProvider,
                },
                cancellationToken);
        }
        catch (Exception ex) when (LocalPortErrors.Translate(ex, dataDirectory, databasePath, listenPort) is { } translated)
        {
            throw translated;
        }
    }
}

using CopilotIngest.LocalPort;

namespace CopilotIngest.LocalPortHost;

/// <summary>Starts the embedded local Port on a data folder with its kept credentials.</summary>
internal static class LocalPortLauncher
{
    public const string DatabaseFileName = "local-port.db";

    public static Task<LocalPortServer> StartAsync(string dataDirectory, int listenPort, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        StartAsync(dataDirectory, listenPort, rateLimit: null, timeProvider, cancellationToken);

    /// <summary>
    /// Starts the local Port; <paramref name="rateLimit"/> (<c>LOCAL_PORT_RATE_LIMIT</c>) replaces the default request
    /// limit. A damaged database, an unwritable folder or a busy port throw <see cref="LocalPortException"/>.
    /// </summary>
    public static async Task<LocalPortServer> StartAsync(string dataDirectory, int listenPort, LocalPortRateLimit? rateLimit, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var databasePath = Path.Combine(dataDirectory, DatabaseFileName);
        try
        {
            var credentials = LocalPortCredentials.LoadOrCreate(dataDirectory);
            var options = new LocalPortServerOptions
            {
                DatabasePath = databasePath,
                ClientId = credentials.ClientId,
                ClientSecret = credentials.ClientSecret,
                Port = listenPort,
                TimeProvider = timeProvider,
            };
            if (rateLimit is not null)
            {
                options = new LocalPortServerOptions
                {
                    DatabasePath = options.DatabasePath,
                    ClientId = options.ClientId,
                    ClientSecret = options.ClientSecret,
                    Port = options.Port,
                    TimeProvider = options.TimeProvider,
                    RateLimit = rateLimit.Requests,
                    RateLimitPeriod = rateLimit.Window,
                };
            }

            return await LocalPortServer.StartAsync(options, cancellationToken);
        }
        catch (Exception ex) when (LocalPortErrors.Translate(ex, dataDirectory, databasePath, listenPort) is { } translated)
        {
            throw translated;
        }
    }
}

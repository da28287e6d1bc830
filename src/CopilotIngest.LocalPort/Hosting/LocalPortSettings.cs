using CopilotIngest.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.LocalPort.Hosting;

/// <summary>
/// Settings of the embedded local Port (used when <c>PORT_BASE_URL=local</c> and by <c>demo</c>):
/// <c>LOCAL_PORT_DATABASE</c> (SQLite file, default <c>copilot-ingest-local-port.db</c>), <c>LOCAL_PORT_LISTEN_PORT</c>
/// (TCP port on 127.0.0.1, default 0 = any free port), and <c>PORT_CLIENT_ID</c>/<c>PORT_CLIENT_SECRET</c> when given
/// (the credentials the server accepts; otherwise <c>local-client</c> and a random secret).
/// </summary>
public sealed class LocalPortSettings
{
    public const string DatabaseSetting = "LOCAL_PORT_DATABASE";
    public const string ListenPortSetting = "LOCAL_PORT_LISTEN_PORT";
    public const string ClientIdSetting = "PORT_CLIENT_ID";
    public const string ClientSecretSetting = "PORT_CLIENT_SECRET";
    public const string DefaultDatabase = "copilot-ingest-local-port.db";

    public string DatabasePath { get; set; } = DefaultDatabase;

    public int ListenPort { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Problems found while reading configuration, reported by the validator.</summary>
    internal List<string> ReadErrors { get; } = [];

    public static void Bind(LocalPortSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        settings.ReadErrors.Clear();
        settings.DatabasePath = configuration.GetSetting(DatabaseSetting) ?? DefaultDatabase;
        settings.ListenPort = configuration.GetInt(ListenPortSetting, 0, 0, 65535, settings.ReadErrors);
        settings.ClientId = configuration.GetSetting(ClientIdSetting);
        settings.ClientSecret = configuration.GetSetting(ClientSecretSetting);
    }

    public LocalPortServerOptions ToServerOptions(TimeProvider timeProvider, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory)
    {
        var defaults = new LocalPortServerOptions { DatabasePath = DatabasePath };
        return new LocalPortServerOptions
        {
            DatabasePath = DatabasePath,
            Port = ListenPort,
            ClientId = ClientId ?? defaults.ClientId,
            ClientSecret = ClientSecret ?? defaults.ClientSecret,
            TimeProvider = timeProvider,
            LoggerFactory = loggerFactory,
        };
    }
}

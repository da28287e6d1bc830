using CopilotIngest.LocalPort;
using CopilotIngest.Settings;
using CopilotIngest.Port;

namespace CopilotIngest.LocalPortHost;

/// <summary>
/// <c>PORT_BASE_URL=local</c> (and the demo when it is unset): start the embedded local Port on the data folder
/// and point the Port settings at it for the rest of the command.
/// </summary>
internal sealed class EmbeddedPort : IAsyncDisposable
{
    public const string LocalValue = "local";

    private EmbeddedPort(LocalPortServer? server) => Server = server;

    /// <summary>The started local Port, or null when the settings name a real Port.</summary>
    public LocalPortServer? Server { get; }

    public static bool IsRequested(string? portBaseUrl, bool unsetMeansLocal) =>
        string.Equals(portBaseUrl?.Trim(), LocalValue, StringComparison.OrdinalIgnoreCase)
        || (unsetMeansLocal && string.IsNullOrWhiteSpace(portBaseUrl));

    public static async Task<EmbeddedPort> StartIfRequestedAsync(
        LoadedSettings settings,
        string dataDirectory,
        bool unsetMeansLocal,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!IsRequested(settings.Configuration[PortSettings.BaseUrl], unsetMeansLocal))
        {
            return new EmbeddedPort(null);
        }

        var rateLimit = LocalPortRateLimit.Parse(settings.Configuration[LocalPortRateLimit.Setting]);
        var server = await LocalPortLauncher.StartAsync(dataDirectory, listenPort: 0, rateLimit, timeProvider, cancellationToken);
        return new EmbeddedPort(server);
    }

    /// <summary>The settings that send Port traffic to the local Port; empty when a real Port is used.</summary>
    public IReadOnlyDictionary<string, string?> Overrides() => Server is null
        ? new Dictionary<string, string?>()
        : new Dictionary<string, string?>
        {
            [PortSettings.BaseUrl] = Server.BaseAddress.ToString().TrimEnd('/'),
            [PortSettings.ClientId] = Server.ClientId,
            [PortSettings.ClientSecret] = Server.ClientSecret,
            [PortSettings.ClientSecret + "_FILE"] = null,
        };

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

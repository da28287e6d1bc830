using System.Globalization;
using System.Security.Cryptography;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Simulation.Graph;

namespace CopilotIngest.Demo;

/// <summary>
/// The simulated GitHub (authenticated as a GitHub App whose key is made for this run only) and Microsoft Graph on
/// loopback, and the settings that point a run at them: what the demo and the load benchmark ingest from.
/// </summary>
internal sealed class SimulatedSources : IAsyncDisposable
{
    /// <summary>The simulated GitHub App's id.</summary>
    public const long AppId = 424242;

    private readonly RSA _appKey;

    private SimulatedSources(RSA appKey, SimulatedGitHubApp app, SimulatedGitHub github, SimulatedGraph graph)
    {
        _appKey = appKey;
        App = app;
        GitHub = github;
        Graph = graph;
    }

    public SimulatedGitHubApp App { get; }

    public SimulatedGitHub GitHub { get; }

    public SimulatedGraph Graph { get; }

    /// <summary>Starts both services; <paramref name="github"/>'s <c>App</c> is set to the App made here.</summary>
    public static async Task<SimulatedSources> StartAsync(SimulatedGitHubOptions github, SimulatedGraphOptions graph, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(github);
        var appKey = RSA.Create(2048);
        SimulatedGitHub? startedGitHub = null;
        try
        {
            var app = new SimulatedGitHubApp(AppId, appKey.ExportSubjectPublicKeyInfoPem());
            github.App = app;
            startedGitHub = await SimulatedGitHub.StartAsync(github, cancellationToken);
            var startedGraph = await SimulatedGraph.StartAsync(graph, cancellationToken);
            return new SimulatedSources(appKey, app, startedGitHub, startedGraph);
        }
        catch
        {
            if (startedGitHub is not null)
            {
                await startedGitHub.DisposeAsync();
            }

            appKey.Dispose();
            throw;
        }
    }

    /// <summary>The settings that read every organization, the enterprise and the tenant from the simulated services.</summary>
    public IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["INGEST_GITHUB"] = "true",
        ["INGEST_M365"] = "true",
        ["M365_CLIENT_SECRET_FILE"] = null,
        ["M365_CLIENT_CERTIFICATE_PATH"] = null,
        ["M365_AUTH"] = null,
        ["M365_TENANT_NAME"] = null,
        ["GITHUB_API_URL"] = GitHub.BaseAddress.ToString().TrimEnd('/'),
        ["GITHUB_APP_ID"] = App.AppId.ToString(CultureInfo.InvariantCulture),
        ["GITHUB_APP_PRIVATE_KEY"] = _appKey.ExportPkcs8PrivateKeyPem(),
        ["GITHUB_APP_PRIVATE_KEY_FILE"] = null,
        ["GITHUB_APP_INSTALLATION_ID"] = null,

        // Only for the enterprise seat listing and the enterprise's billing usage, which GitHub documents for classic PATs only.
        ["GITHUB_TOKEN"] = GitHub.Token,
        ["GITHUB_TOKEN_FILE"] = null,
        ["GITHUB_ORGS"] = string.Join(',', GitHub.Population.Organizations.Select(o => o.Login)),
        ["GITHUB_ENTERPRISE"] = GitHub.Population.Enterprise,

        ["M365_TENANT_ID"] = Graph.Settings["M365_TENANT_ID"],
        ["M365_CLIENT_ID"] = Graph.Settings["M365_CLIENT_ID"],
        ["M365_CLIENT_SECRET"] = Graph.Settings["M365_CLIENT_SECRET"],
        ["M365_GRAPH_URL"] = Graph.Settings["M365_GRAPH_URL"],
        ["M365_AUTHORITY_HOST"] = Graph.Settings["M365_AUTHORITY_HOST"],
        ["EXTRA_CA_CERT"] = Graph.CaCertificatePemPath,
    };

    public async ValueTask DisposeAsync()
    {
        await Graph.DisposeAsync();
        await GitHub.DisposeAsync();
        _appKey.Dispose();
    }
}

using System.Globalization;
using System.Security.Cryptography;
using CopilotIngest.Simulation.GitHub;
using CopilotIngest.Simulation.Graph;
using CopilotIngest.GitHub.Options;
using CopilotIngest.M365.Configuration;

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
        [GitHubSettingNames.Ingest] = "true",
        [M365Settings.Ingest] = "true",
        [M365Settings.ClientSecret + "_FILE"] = null,
        [M365Settings.ClientCertificatePath] = null,
        [M365Settings.Auth] = null,
        [M365Settings.TenantName] = null,
        [GitHubSettingNames.ApiUrl] = GitHub.BaseAddress.ToString().TrimEnd('/'),
        [GitHubSettingNames.AppId] = App.AppId.ToString(CultureInfo.InvariantCulture),
        [GitHubSettingNames.AppPrivateKey] = _appKey.ExportPkcs8PrivateKeyPem(),
        [GitHubSettingNames.AppPrivateKeyFile] = null,
        [GitHubSettingNames.AppInstallationId] = null,

        // Only for the enterprise seat listing and the enterprise's billing usage, which GitHub documents for classic PATs only.
        [GitHubSettingNames.Token] = GitHub.Token,
        [GitHubSettingNames.Token + "_FILE"] = null,
        [GitHubSettingNames.Organizations] = string.Join(',', GitHub.Population.Organizations.Select(o => o.Login)),
        [GitHubSettingNames.Enterprise] = GitHub.Population.Enterprise,

        [M365Settings.TenantId] = Graph.Settings[M365Settings.TenantId],
        [M365Settings.ClientId] = Graph.Settings[M365Settings.ClientId],
        [M365Settings.ClientSecret] = Graph.Settings[M365Settings.ClientSecret],
        [M365Settings.GraphUrl] = Graph.Settings[M365Settings.GraphUrl],
        [M365Settings.AuthorityHost] = Graph.Settings[M365Settings.AuthorityHost],
        [M365Settings.ExtraCaCert] = Graph.CaCertificatePemPath,
    };

    public async ValueTask DisposeAsync()
    {
        await Graph.DisposeAsync();
        await GitHub.DisposeAsync();
        _appKey.Dispose();
    }
}

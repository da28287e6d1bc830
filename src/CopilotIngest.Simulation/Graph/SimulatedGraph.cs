using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Simulation.Graph;

/// <summary>
/// A simulated Microsoft 365 tenant behind Entra ID and Microsoft Graph, over real HTTPS on 127.0.0.1 with a
/// certificate made in-process (trust it through <see cref="CaCertificatePemPath"/> as <c>EXTRA_CA_CERT</c>).
/// Serves the client-credentials token endpoint, the three Copilot reports as v1.0 CSV (BOM, CRLF, 302 to a
/// pre-authenticated download that rejects an Authorization header) and beta JSON (<c>@odata.nextLink</c> paging),
/// <c>/subscribedSkus</c>, <c>/admin/reportSettings</c> and <c>/organization</c>; concealed names, an empty tenant
/// (<c>UnknownTenantId</c>) and injected faults.
/// </summary>
public sealed class SimulatedGraph : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatedFaults _faults;
    private readonly SimulatedTokenEndpoint _tokens;
    private readonly SimulatedTenant _tenant;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentQueue<SimulatedRequest> _requests = new();

    private SimulatedGraph(WebApplication app, SimulatedFaults faults, SimulatedTokenEndpoint tokens, SimulatedTenant tenant, X509Certificate2 certificate, string pemPath, string tenantId, string clientId, string clientSecret)
    {
        _app = app;
        _faults = faults;
        _tokens = tokens;
        _tenant = tenant;
        _certificate = certificate;
        CaCertificatePemPath = pemPath;
        TenantId = tenantId;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    /// <summary>Graph root, e.g. <c>https://127.0.0.1:5123/</c> (for <c>M365_GRAPH_URL</c>).</summary>
    public Uri GraphBaseAddress { get; private set; } = null!;

    /// <summary>Entra ID authority host (for <c>M365_AUTHORITY_HOST</c>); the same server as Graph.</summary>
    public Uri AuthorityHost => GraphBaseAddress;

    public string TenantId { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>PEM of the server's self-signed certificate (for <c>EXTRA_CA_CERT</c>).</summary>
    public string CaCertificatePemPath { get; }

    /// <summary>The refresh date of every report: two days before the tenant's today.</summary>
    public DateOnly ReportRefreshDate => _tenant.RefreshDate;

    /// <summary>Access tokens issued so far.</summary>
    public int TokensIssued => _tokens.Issued;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<SimulatedRequest> Requests => [.. _requests];

    /// <summary>The licensed users' real UPNs (also when the reports conceal them).</summary>
    public IEnumerable<string> UserPrincipalNames => Enumerable.Range(0, _tenant.Users).Select(_tenant.UserPrincipalName);

    public static async Task<SimulatedGraph> StartAsync(SimulatedGraphOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seed = new Random(options.Seed);
        var tenantId = new Guid(NextBytes(seed)).ToString();
        var clientId = new Guid(NextBytes(seed)).ToString();
        var clientSecret = "sim~" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '.').Replace('/', '_');
        var today = DateOnly.FromDateTime(options.TimeProvider.GetUtcNow().UtcDateTime);
        var tenant = new SimulatedTenant(options, today.AddDays(-2));

        var certificate = LoopbackCertificate.Create(TimeProvider.System);
        var pemPath = LoopbackCertificate.WritePem(certificate, Path.Combine(Path.GetTempPath(), $"copilot-ingest-graph-{Guid.NewGuid():N}.pem"));

        var faults = new SimulatedFaults();
        foreach (var fault in options.Faults)
        {
            faults.Add(fault);
        }

        var tokens = new SimulatedTokenEndpoint(options, tenantId, clientId, clientSecret);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var graph = new SimulatedGraph(app, faults, tokens, tenant, certificate, pemPath, tenantId, clientId, clientSecret);
        var handler = new SimulatedGraphHandler(options, tenant, tokens, faults, tenantId, () => graph.GraphBaseAddress);
        app.Run(context =>
        {
            graph._requests.Enqueue(new SimulatedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, !string.IsNullOrEmpty(context.Request.Headers.Authorization)));
            return handler.HandleAsync(context);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        graph.GraphBaseAddress = new Uri(address.TrimEnd('/') + "/");
        return graph;
    }

    /// <summary>
    /// The settings that point the M365 source at this tenant (<c>M365_TENANT_ID</c>, <c>M365_CLIENT_ID</c>,
    /// <c>M365_CLIENT_SECRET</c>, <c>M365_GRAPH_URL</c>, <c>M365_AUTHORITY_HOST</c>, <c>EXTRA_CA_CERT</c>).
    /// With several simulated services, concatenate their PEM files for <c>EXTRA_CA_CERT</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["M365_TENANT_ID"] = TenantId,
        ["M365_CLIENT_ID"] = ClientId,
        ["M365_CLIENT_SECRET"] = ClientSecret,
        ["M365_GRAPH_URL"] = GraphBaseAddress.ToString(),
        ["M365_AUTHORITY_HOST"] = AuthorityHost.ToString(),
        ["EXTRA_CA_CERT"] = CaCertificatePemPath,
    };

    /// <summary>Adds a fault while running.</summary>
    public void AddFault(GraphFault fault) => _faults.Add(fault);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
        File.Delete(CaCertificatePemPath);
    }

    private static byte[] NextBytes(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}

/// <summary>One request the simulated Graph received (method, path with query, and whether it carried an Authorization header).</summary>
public sealed record SimulatedRequest(string Method, string PathAndQuery, bool HadAuthorization);

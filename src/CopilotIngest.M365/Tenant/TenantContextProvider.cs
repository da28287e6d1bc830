using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.Tenant;

/// <summary>
/// Finds the tenant's name for identifiers (<c>M365_TENANT_NAME</c>, else the immutable initial
/// <c>*.onmicrosoft.com</c> domain, else the tenant id) and reads the report privacy setting, once per run.
/// The run says once, clearly, when names are concealed.
/// </summary>
internal sealed partial class TenantContextProvider(GraphClient graph, IOptions<M365Options> options, ILogger<TenantContextProvider> logger) : IDisposable
{
    private const string InitialDomainSuffix = ".onmicrosoft.com";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TenantContext? _context;

    public static string ConcealedMessage(bool includeConcealed) =>
        "Microsoft 365 reports in this tenant conceal user names (admin center > Settings > Org settings > Services > Reports: "
        + "'Display concealed user, group, and site names in all reports'). Summary and trend figures are unaffected. "
        + (includeConcealed
            ? $"{M365Settings.IncludeConcealedUsers}=true: per-user entities are kept for this report date only, keyed by date and hash, since a concealed hash is not a stable key."
            : $"Per-user entities are skipped; to get them, an administrator can untick that setting (it takes effect within about 48 hours), or set {M365Settings.IncludeConcealedUsers}=true for date-scoped anonymous entries.");

    public async Task<TenantContext> GetAsync(CancellationToken cancellationToken)
    {
        if (_context is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_context is null)
            {
                var name = await ResolveNameAsync(cancellationToken);
                var concealed = await ReadConcealmentAsync(cancellationToken);
                _context = new TenantContext(name, concealed);
            }

            return _context;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> ResolveNameAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.TenantName is { } configured)
        {
            return PortIdentifier.Sanitize(configured.ToLowerInvariant());
        }

        try
        {
            var organization = await graph.GetOrganizationAsync(cancellationToken);
            var domain = organization?.VerifiedDomains?.FirstOrDefault(d => d.IsInitial == true)?.Name
                ?? organization?.VerifiedDomains?.FirstOrDefault(d => d.IsDefault == true)?.Name;
            if (!string.IsNullOrWhiteSpace(domain))
            {
                var name = domain.EndsWith(InitialDomainSuffix, StringComparison.OrdinalIgnoreCase) ? domain[..^InitialDomainSuffix.Length] : domain;
                return PortIdentifier.Sanitize(name.ToLowerInvariant());
            }
        }
        catch (Exception ex) when (ex is ApiException or ReportFormatException)
        {
            LogTenantNameFallback(ex.Message);
        }

        return PortIdentifier.Sanitize(settings.TenantId.ToLowerInvariant());
    }

    private async Task<bool?> ReadConcealmentAsync(CancellationToken cancellationToken)
    {
        try
        {
            var concealed = await graph.GetDisplayConcealedNamesAsync(cancellationToken);
            if (concealed == true)
            {
                LogNamesConcealed(ConcealedMessage(options.Value.IncludeConcealedUsers));
            }

            return concealed;
        }
        catch (Exception ex) when (ex is ApiException or ReportFormatException)
        {
            LogConcealmentUnknown(ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Message}")]
    private partial void LogNamesConcealed(string message);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Could not read the report privacy setting, so concealed names are recognised from the report rows instead: {Reason}")]
    private partial void LogConcealmentUnknown(string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "M365_TENANT_NAME is not set and the tenant's domains could not be read, so identifiers use the tenant id (set M365_TENANT_NAME to choose a name): {Reason}")]
    private partial void LogTenantNameFallback(string reason);
}

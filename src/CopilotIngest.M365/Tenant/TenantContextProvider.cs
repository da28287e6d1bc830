using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Http;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.Tenant;

/// <summary>
/// Builds the run's <see cref="TenantContext"/> once: the tenant key for identifiers from the settings alone
/// (<c>M365_TENANT_NAME</c>, else <c>M365_TENANT_ID</c>), the display name for titles (read from the tenant's initial
/// <c>*.onmicrosoft.com</c> domain when <c>M365_TENANT_NAME</c> is not set; a failing read only changes titles), and the
/// report privacy setting. The run says once, clearly, when names are concealed.
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
                var key = Key(options.Value);
                var (displayName, formerKey) = await ReadNameAsync(key, cancellationToken);
                var concealed = await ReadConcealmentAsync(cancellationToken);
                _context = new TenantContext(key, displayName, concealed, formerKey);
            }

            return _context;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The tenant in identifiers: <c>M365_TENANT_NAME</c>, else <c>M365_TENANT_ID</c>, in lower case and without <c>@</c> (which separates identifier parts).</summary>
    public static string Key(M365Options settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Normalize(settings.TenantName ?? settings.TenantId);
    }

    private static string Normalize(string name) => PortIdentifier.Sanitize(name.Trim().ToLowerInvariant()).Replace('@', '-');

    /// <summary>The display name, and the name earlier versions used in identifiers when it differs from <paramref name="key"/>.</summary>
    private async Task<(string DisplayName, string? FormerKey)> ReadNameAsync(string key, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.TenantName is { } configured)
        {
            return (configured.Trim(), null);
        }

        try
        {
            var organization = await graph.GetOrganizationAsync(cancellationToken);
            var domain = organization?.VerifiedDomains?.FirstOrDefault(d => d.IsInitial == true)?.Name
                ?? organization?.VerifiedDomains?.FirstOrDefault(d => d.IsDefault == true)?.Name;
            if (!string.IsNullOrWhiteSpace(domain))
            {
                var name = Normalize(domain.EndsWith(InitialDomainSuffix, StringComparison.OrdinalIgnoreCase) ? domain[..^InitialDomainSuffix.Length] : domain);
                return (name, name == key ? null : name);
            }
        }
        catch (Exception ex) when (ex is ApiException or ReportFormatException)
        {
            LogTenantNameUnknown(ex, ex.Message);
        }

        return (key, null);
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
            LogConcealmentUnknown(ex, ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Message}")]
    private partial void LogNamesConcealed(string message);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Could not read the report privacy setting, so concealed names are recognised from the report rows instead: {Reason}")]
    private partial void LogConcealmentUnknown(Exception exception, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = M365Settings.TenantName + " is not set and the tenant's domains could not be read, so titles show the tenant id this run (identifiers do not depend on it): {Reason}")]
    private partial void LogTenantNameUnknown(Exception exception, string reason);
}

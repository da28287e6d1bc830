using System.Security.Cryptography.X509Certificates;

namespace CopilotIngest.Simulation.Graph;

/// <summary>Shape and behaviour of a simulated Microsoft 365 tenant behind Microsoft Graph and Entra ID.</summary>
public sealed class SimulatedGraphOptions
{
    /// <summary>Users holding a Copilot licence (rows of the user detail report).</summary>
    public int LicensedUsers { get; set; } = 2000;

    /// <summary>Copilot licences bought but not assigned.</summary>
    public int UnassignedLicences { get; set; } = 50;

    /// <summary>Seed of the generated activity; the same seed gives the same tenant.</summary>
    public int Seed { get; set; } = 365;

    /// <summary>The tenant's initial domain is <c>&lt;TenantDomain&gt;.onmicrosoft.com</c>; users are <c>…@&lt;TenantDomain&gt;.com</c>.</summary>
    public string TenantDomain { get; set; } = "contoso";

    /// <summary>Reports conceal names (<c>displayConcealedNames=true</c>): UPNs and names become 32 hex characters.</summary>
    public bool ConcealNames { get; set; }

    /// <summary>The report service has no data for the tenant yet: every report answers <c>UnknownTenantId</c>.</summary>
    public bool EmptyTenant { get; set; }

    /// <summary>v1.0 CSV reports answer 302 to a pre-authenticated download URL (true) or 200 with the CSV (false).</summary>
    public bool CsvViaRedirect { get; set; } = true;

    /// <summary>Items per page of the beta JSON user detail report.</summary>
    public int JsonPageSize { get; set; } = 500;

    /// <summary><c>/admin/reportSettings</c> answers the entity wrapped in <c>value</c> (as the documentation shows) instead of bare.</summary>
    public bool WrapReportSettings { get; set; }

    /// <summary>
    /// The Microsoft Graph application permissions consented for the app: they are the <c>roles</c> claim of issued
    /// tokens, and an endpoint whose permission is missing answers 403 <c>Authorization_RequestDenied</c>.
    /// </summary>
    public ISet<string> Permissions { get; } = new HashSet<string>(SimulatedPermissions.All, StringComparer.OrdinalIgnoreCase);

    /// <summary>Lifetime of issued access tokens.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When set, client assertions that name a certificate (<c>x5t</c>) must be signed by this one.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Clock of the tenant: the reports' refresh date is two days before its today.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Faults injected from the start; more can be added with <see cref="SimulatedGraph.AddFault"/>.</summary>
    public IList<GraphFault> Faults { get; } = [];
}

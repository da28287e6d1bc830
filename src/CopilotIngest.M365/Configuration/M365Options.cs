using CopilotIngest.Core.Privacy;

namespace CopilotIngest.M365.Configuration;

/// <summary>
/// Everything the Microsoft 365 Copilot source needs, read from the environment names of <see cref="M365Settings"/>.
/// Validated at start-up by <see cref="M365OptionsValidator"/>.
/// </summary>
public sealed class M365Options
{
    public string TenantId { get; set; } = string.Empty;

    public string ClientId { get; set; } = string.Empty;

    public M365AuthMode Auth { get; set; } = M365AuthMode.ClientSecret;

    public string? ClientSecret { get; set; }

    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary><c>AZURE_FEDERATED_TOKEN_FILE</c>: the projected service-account token of Kubernetes workload identity.</summary>
    public string? FederatedTokenFile { get; set; }

    /// <summary><c>ACTIONS_ID_TOKEN_REQUEST_URL</c>: GitHub Actions' OIDC token endpoint (job with <c>id-token: write</c>).</summary>
    public Uri? GitHubOidcRequestUrl { get; set; }

    /// <summary><c>ACTIONS_ID_TOKEN_REQUEST_TOKEN</c>: the bearer for <see cref="GitHubOidcRequestUrl"/>.</summary>
    public string? GitHubOidcRequestToken { get; set; }

    public Uri GraphUrl { get; set; } = new(M365Settings.DefaultGraphUrl);

    public Uri AuthorityHost { get; set; } = new(M365Settings.DefaultAuthorityHost);

    public ReportPeriod Period { get; set; } = ReportPeriod.D7;

    /// <summary>Period of the daily trend report; long by default so the first run already draws lines.</summary>
    public ReportPeriod TrendPeriod { get; set; } = ReportPeriod.D180;

    /// <summary><c>M365_REPORT_VERSION=v2</c>: ask for <c>version='v2'</c> (prompt counts, more apps).</summary>
    public bool ReportV2 { get; set; }

    public ReportFormat Format { get; set; } = ReportFormat.CsvV1;

    /// <summary><c>M365_COPILOT_SKUS</c>: SKU part numbers or SKU ids counted as Copilot licences besides those recognised by service plan.</summary>
    public IReadOnlyList<string> ExtraCopilotSkus { get; set; } = [];

    public bool IncludeConcealedUsers { get; set; }

    /// <summary><c>M365_RELATE_PORT_USERS</c>: relate each user entity to Port's <c>_user</c> by e-mail (plain privacy mode only).</summary>
    public bool RelatePortUsers { get; set; }

    /// <summary><c>M365_TENANT_NAME</c>: the tenant key in identifiers and titles; null means the tenant id (<c>M365_TENANT_ID</c>) in identifiers and the initial domain's name, read from Graph, in titles.</summary>
    public string? TenantName { get; set; }

    /// <summary>Largest share (0..1) of existing user entities one run may delete.</summary>
    public double DeleteThreshold { get; set; } = M365Settings.DefaultDeleteThreshold;

    public PrivacyMode PrivacyMode { get; set; } = PrivacyMode.Plain;

    public string? PrivacyKey { get; set; }

    /// <summary><c>EXTRA_CA_CERT</c>: PEM file trusted in addition to the system store.</summary>
    public string? ExtraCaCertPath { get; set; }

    /// <summary>Problems found while reading the settings (unparseable values); reported by the validator.</summary>
    internal List<string> SettingErrors { get; } = [];
}

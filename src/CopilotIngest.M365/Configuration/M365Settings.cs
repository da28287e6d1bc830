using System.Globalization;
using CopilotIngest.Core.Configuration;
using CopilotIngest.Core.Http;
using CopilotIngest.Core.Privacy;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.M365.Configuration;

/// <summary>The environment names of the Microsoft 365 source and how they become <see cref="M365Options"/>.</summary>
public static class M365Settings
{
    public const string Ingest = "INGEST_M365";
    public const string TenantId = "M365_TENANT_ID";
    public const string ClientId = "M365_CLIENT_ID";
    public const string ClientSecret = "M365_CLIENT_SECRET";
    public const string ClientCertificatePath = "M365_CLIENT_CERTIFICATE_PATH";
    public const string ClientCertificatePassword = "M365_CLIENT_CERTIFICATE_PASSWORD";
    public const string Auth = "M365_AUTH";
    public const string FederatedTokenFile = "AZURE_FEDERATED_TOKEN_FILE";
    public const string AzureTenantId = "AZURE_TENANT_ID";
    public const string AzureClientId = "AZURE_CLIENT_ID";
    public const string ActionsTokenRequestUrl = "ACTIONS_ID_TOKEN_REQUEST_URL";
    public const string ActionsTokenRequestToken = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
    public const string GraphUrl = "M365_GRAPH_URL";
    public const string AuthorityHost = "M365_AUTHORITY_HOST";
    public const string Period = "M365_PERIOD";
    public const string TrendPeriod = "M365_TREND_PERIOD";
    public const string ReportVersion = "M365_REPORT_VERSION";
    public const string ApiVersion = "M365_API_VERSION";
    public const string CopilotSkus = "M365_COPILOT_SKUS";
    public const string IncludeConcealedUsers = "M365_INCLUDE_CONCEALED_USERS";
    public const string RelatePortUsers = "M365_RELATE_PORT_USERS";
    public const string TenantName = "M365_TENANT_NAME";
    public const string DeleteThreshold = "M365_DELETE_THRESHOLD";
    public const string PrivacyModeSetting = "PRIVACY_MODE";
    public const string PrivacyKey = "PRIVACY_KEY";
    public const string ExtraCaCert = "EXTRA_CA_CERT";
    public const string MaxRateLimitWait = "M365_MAX_RATE_LIMIT_WAIT";

    public const int DefaultMaxRateLimitWaitSeconds = 300;

    /// <summary>What to check when Graph cannot be reached, named in fail-fast messages.</summary>
    public const string ReachabilityHint = $"{GraphUrl}, the network and any proxy ({ExtraCaCert} for TLS-inspecting proxies)";

    public const string DefaultGraphUrl = "https://graph.microsoft.com/";
    public const string DefaultAuthorityHost = "https://login.microsoftonline.com/";
    public const double DefaultDeleteThreshold = 0.2;

    /// <summary><c>INGEST_M365</c> (default true); an unreadable value counts as true so that validation reports it.</summary>
    public static bool IsEnabled(IConfiguration configuration, ICollection<string> errors) =>
        configuration.GetBool(Ingest, defaultValue: true, errors);

    /// <summary>Copies the settings into <paramref name="options"/>; unreadable values go to <see cref="M365Options.SettingErrors"/>.</summary>
    public static void Fill(M365Options options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = options.SettingErrors;
        errors.Clear();
        _ = IsEnabled(configuration, errors);

        options.FederatedTokenFile = configuration.GetSetting(FederatedTokenFile);
        options.GitHubOidcRequestToken = configuration.GetSetting(ActionsTokenRequestToken);
        options.GitHubOidcRequestUrl = ReadUrl(configuration, ActionsTokenRequestUrl, errors, isBase: false);
        options.ClientSecret = configuration.GetSetting(ClientSecret);
        options.ClientCertificatePath = configuration.GetSetting(ClientCertificatePath);
        options.ClientCertificatePassword = configuration[ClientCertificatePassword];
        options.Auth = ReadAuthMode(configuration, options, errors);

        var workload = options.Auth == M365AuthMode.WorkloadIdentity;
        options.TenantId = configuration.GetSetting(TenantId) ?? (workload ? configuration.GetSetting(AzureTenantId) : null) ?? string.Empty;
        options.ClientId = configuration.GetSetting(ClientId) ?? (workload ? configuration.GetSetting(AzureClientId) : null) ?? string.Empty;

        options.GraphUrl = ReadUrl(configuration, GraphUrl, errors) ?? new Uri(DefaultGraphUrl);
        options.AuthorityHost = ReadUrl(configuration, AuthorityHost, errors) ?? new Uri(DefaultAuthorityHost);

        options.ReportV2 = ReadReportVersion(configuration, errors);
        options.Format = ReadApiVersion(configuration, errors);
        options.Period = ReadPeriod(configuration, Period, ReportPeriod.D7, options.ReportV2, errors);
        options.TrendPeriod = ReadPeriod(configuration, TrendPeriod, ReportPeriod.D180, options.ReportV2, errors);

        options.ExtraCopilotSkus = configuration.GetList(CopilotSkus);
        options.IncludeConcealedUsers = configuration.GetBool(IncludeConcealedUsers, defaultValue: false, errors);
        options.RelatePortUsers = configuration.GetBool(RelatePortUsers, defaultValue: false, errors);
        options.TenantName = configuration.GetSetting(TenantName);
        options.DeleteThreshold = configuration.GetShare(DeleteThreshold, DefaultDeleteThreshold, errors);
        options.PrivacyMode = configuration.GetEnum(PrivacyModeSetting, PrivacyMode.Plain, errors);
        options.PrivacyKey = configuration.GetSetting(PrivacyKey);
        options.ExtraCaCertPath = configuration.GetSetting(ExtraCaCert);
        _ = ReadMaxRateLimitWait(configuration, errors);
    }

    /// <summary><c>M365_MAX_RATE_LIMIT_WAIT</c> in seconds (0–3600, default 300); problems go to <paramref name="errors"/>.</summary>
    public static TimeSpan ReadMaxRateLimitWait(IConfiguration configuration, ICollection<string> errors) =>
        TimeSpan.FromSeconds(configuration.GetInt(MaxRateLimitWait, DefaultMaxRateLimitWaitSeconds, 0, 3600, errors));

    private static M365AuthMode ReadAuthMode(IConfiguration configuration, M365Options options, List<string> errors)
    {
        var explicitMode = configuration.GetSetting(Auth);
        if (explicitMode is not null)
        {
            switch (explicitMode.ToUpperInvariant().Replace('-', '_'))
            {
                case "CLIENT_SECRET" or "SECRET":
                    return M365AuthMode.ClientSecret;
                case "CLIENT_CERTIFICATE" or "CERTIFICATE":
                    return M365AuthMode.ClientCertificate;
                case "WORKLOAD_IDENTITY" or "FEDERATED":
                    return M365AuthMode.WorkloadIdentity;
                default:
                    errors.Add($"{Auth} must be client_secret, client_certificate or workload_identity, got '{explicitMode}'.");
                    return M365AuthMode.ClientSecret;
            }
        }

        if (options.ClientSecret is not null && options.ClientCertificatePath is not null)
        {
            errors.Add($"Both {ClientSecret} and {ClientCertificatePath} are set: keep one, or choose with {Auth}=client_secret|client_certificate.");
            return M365AuthMode.ClientSecret;
        }

        if (options.ClientCertificatePath is not null)
        {
            return M365AuthMode.ClientCertificate;
        }

        if (options.ClientSecret is null && (options.FederatedTokenFile is not null || options.GitHubOidcRequestUrl is not null))
        {
            return M365AuthMode.WorkloadIdentity;
        }

        return M365AuthMode.ClientSecret;
    }

    private static Uri? ReadUrl(IConfiguration configuration, string name, List<string> errors, bool isBase = true)
    {
        var value = configuration.GetSetting(name);
        if (value is null)
        {
            return null;
        }

        var problem = BaseUrl.Validate(name, value);
        if (problem is not null)
        {
            errors.Add(problem);
            return null;
        }

        return isBase ? BaseUrl.Parse(value) : new Uri(value.Trim(), UriKind.Absolute);
    }

    private static bool ReadReportVersion(IConfiguration configuration, List<string> errors)
    {
        var value = configuration.GetSetting(ReportVersion);
        switch (value?.ToUpperInvariant())
        {
            case null or "V1" or "1":
                return false;
            case "V2" or "2":
                return true;
            default:
                errors.Add($"{ReportVersion} must be v1 or v2, got '{value}'.");
                return false;
        }
    }

    private static ReportFormat ReadApiVersion(IConfiguration configuration, List<string> errors)
    {
        var value = configuration.GetSetting(ApiVersion);
        switch (value?.ToUpperInvariant())
        {
            case null or "V1.0" or "V1" or "1.0":
                return ReportFormat.CsvV1;
            case "BETA":
                return ReportFormat.JsonBeta;
            default:
                errors.Add($"{ApiVersion} must be v1.0 (CSV) or beta (JSON), got '{value}'.");
                return ReportFormat.CsvV1;
        }
    }

    private static ReportPeriod ReadPeriod(IConfiguration configuration, string name, ReportPeriod defaultValue, bool v2, List<string> errors)
    {
        var value = configuration.GetSetting(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (ReportPeriod.Parse(value, v2) is { } period)
        {
            return period;
        }

        var allowed = string.Join(", ", v2 ? ReportPeriod.V2Periods : ReportPeriod.V1Periods);
        var hint = value.Trim().Equals("D28", StringComparison.OrdinalIgnoreCase) ? $" (D28 needs {ReportVersion}=v2)"
            : value.Trim().Equals("D30", StringComparison.OrdinalIgnoreCase) && v2 ? " (report version v2 uses D28 instead of D30)"
            : string.Empty;
        errors.Add($"{name} must be one of {allowed} for report version {(v2 ? "v2" : "v1")}, got '{value}'{hint}.");
        return defaultValue;
    }
}

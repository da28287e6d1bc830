using CopilotIngest.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace CopilotIngest.Port;

/// <summary>Reads <see cref="PortOptions"/> from the flat environment names.</summary>
internal static class PortSettings
{
    public const string ClientId = "PORT_CLIENT_ID";
    public const string ClientSecret = "PORT_CLIENT_SECRET";
    public const string BaseUrl = "PORT_BASE_URL";
    public const string MaxConcurrency = "PORT_MAX_CONCURRENCY";
    public const string ExtraCaCert = "EXTRA_CA_CERT";
    public const string AttemptTimeout = "PORT_ATTEMPT_TIMEOUT";
    public const string MaxRateLimitWait = "PORT_MAX_RATE_LIMIT_WAIT";

    /// <summary>What to check when Port cannot be reached, named in fail-fast messages.</summary>
    public const string ReachabilityHint = $"{BaseUrl}, the network and any proxy ({ExtraCaCert} for TLS-inspecting proxies); if Port is only slow, raise {AttemptTimeout}";

    public const int MaxConcurrencyLimit = 32;

    public static void Read(IConfiguration configuration, PortOptions options)
    {
        options.ClientId = configuration.GetSetting(ClientId);
        options.ClientSecret = configuration.GetSetting(ClientSecret);
        options.BaseUrl = configuration.GetSetting(BaseUrl) ?? PortOptions.DefaultBaseUrl;
        options.MaxConcurrency = configuration.GetInt(MaxConcurrency, PortOptions.DefaultMaxConcurrency, 1, MaxConcurrencyLimit, options.SettingErrors);
        options.ExtraCaCertificatePath = configuration.GetSetting(ExtraCaCert);
        options.AttemptTimeout = TimeSpan.FromSeconds(configuration.GetInt(AttemptTimeout, PortOptions.DefaultAttemptTimeoutSeconds, 1, 600, options.SettingErrors));
        options.MaxRateLimitWait = TimeSpan.FromSeconds(configuration.GetInt(MaxRateLimitWait, PortOptions.DefaultMaxRateLimitWaitSeconds, 0, 3600, options.SettingErrors));
    }
}

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

    public const int MaxConcurrencyLimit = 32;

    public static void Read(IConfiguration configuration, PortOptions options)
    {
        options.ClientId = configuration.GetSetting(ClientId);
        options.ClientSecret = configuration.GetSetting(ClientSecret);
        options.BaseUrl = configuration.GetSetting(BaseUrl) ?? PortOptions.DefaultBaseUrl;
        options.MaxConcurrency = configuration.GetInt(MaxConcurrency, PortOptions.DefaultMaxConcurrency, 1, MaxConcurrencyLimit, options.SettingErrors);
        options.ExtraCaCertificatePath = configuration.GetSetting(ExtraCaCert);
    }
}

namespace CopilotIngest.M365.Configuration;

/// <summary>
/// Tells Microsoft's national clouds (US Government, China) apart from the global cloud. The Copilot usage reports
/// exist only in the global cloud; licences and report settings exist everywhere.
/// </summary>
public static class GraphCloud
{
    private static readonly string[] s_nationalGraphHosts =
    [
        "graph.microsoft.us",
        "dod-graph.microsoft.us",
        "microsoftgraph.chinacloudapi.cn",
    ];

    private static readonly string[] s_nationalAuthorityHosts =
    [
        "login.microsoftonline.us",
        "login.chinacloudapi.cn",
    ];

    private static readonly string[] s_publicAuthorityHosts =
    [
        "login.microsoftonline.com",
        "login.microsoftonline.us",
        "login.chinacloudapi.cn",
    ];

    /// <summary>Returns the national-cloud host named by either URL, or null when both point at the global cloud (or a proxy or loopback).</summary>
    public static string? NationalCloudHost(Uri graphUrl, Uri authorityHost)
    {
        ArgumentNullException.ThrowIfNull(graphUrl);
        ArgumentNullException.ThrowIfNull(authorityHost);
        if (s_nationalGraphHosts.Contains(graphUrl.Host, StringComparer.OrdinalIgnoreCase))
        {
            return graphUrl.Host;
        }

        return s_nationalAuthorityHosts.Contains(authorityHost.Host, StringComparer.OrdinalIgnoreCase) ? authorityHost.Host : null;
    }

    /// <summary>True for Microsoft's own authority hosts, where Azure.Identity's instance discovery works; false for loopback or custom hosts.</summary>
    public static bool IsMicrosoftAuthority(Uri authorityHost) =>
        s_publicAuthorityHosts.Contains(authorityHost.Host, StringComparer.OrdinalIgnoreCase);

    /// <summary>The message a run prints when it is pointed at a national cloud.</summary>
    public static string NotAvailableMessage(string host) =>
        $"Microsoft 365 Copilot usage reports exist only in Microsoft's global cloud (graph.microsoft.com); {M365Settings.GraphUrl}/{M365Settings.AuthorityHost} point at the national cloud {host}, so no Copilot usage was fetched. Nothing is wrong with the configuration; there is simply no Copilot report API in that cloud.";
}

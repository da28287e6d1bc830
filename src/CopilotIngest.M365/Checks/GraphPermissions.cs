using CopilotIngest.M365.Configuration;

namespace CopilotIngest.M365.Checks;

/// <summary>The Microsoft Graph application permissions the source uses (docs/04), and what is lost without each.</summary>
internal static class GraphPermissions
{
    /// <param name="Name">How the permission is named to the user.</param>
    /// <param name="AnyOf">Roles that grant it.</param>
    /// <param name="Required">Without it a data set fails (a problem); otherwise a warning.</param>
    public sealed record Permission(string Name, IReadOnlyList<string> AnyOf, string UsedFor, bool Required);

    public static IReadOnlyList<Permission> All { get; } =
    [
        new("Reports.Read.All", ["Reports.Read.All"], "the Copilot usage reports (every M365 data set)", Required: true),
        new("LicenseAssignment.Read.All or Organization.Read.All", ["LicenseAssignment.Read.All", "Organization.Read.All", "Directory.Read.All"], "/subscribedSkus: purchased and assigned Copilot licences", Required: true),
        new("ReportSettings.Read.All", ["ReportSettings.Read.All", "ReportSettings.ReadWrite.All"], "/admin/reportSettings: whether user names are concealed", Required: false),
        new("Organization.Read.All", ["Organization.Read.All", "Directory.Read.All"], $"/organization: the tenant name in identifiers (else the tenant id, or {M365Settings.TenantName})", Required: false),
    ];

    public static string Fix(string permission, string clientId) =>
        $"Entra admin center → App registrations → {clientId} ({M365Settings.ClientId}) → API permissions → Add a permission → Microsoft Graph → Application permissions → {permission}, then 'Grant admin consent'.";
}

namespace CopilotIngest.Simulation.Graph;

/// <summary>The Microsoft Graph application permissions the simulated tenant knows, and which endpoint needs which.</summary>
public static class SimulatedPermissions
{
    public const string ReportsReadAll = "Reports.Read.All";
    public const string ReportSettingsReadAll = "ReportSettings.Read.All";
    public const string LicenseAssignmentReadAll = "LicenseAssignment.Read.All";
    public const string OrganizationReadAll = "Organization.Read.All";

    /// <summary>Every permission the product documents; a new simulated tenant consents to all of them.</summary>
    public static IReadOnlyList<string> All { get; } = [ReportsReadAll, ReportSettingsReadAll, LicenseAssignmentReadAll, OrganizationReadAll];

    /// <summary>The permissions of which any one lets the app read <paramref name="resource"/> (the path after the version), or empty when none is needed.</summary>
    public static IReadOnlyList<string> AnyOf(string resource) => resource switch
    {
        "subscribedSkus" => [LicenseAssignmentReadAll, OrganizationReadAll, "Directory.Read.All"],
        "admin/reportSettings" => [ReportSettingsReadAll, "ReportSettings.ReadWrite.All"],
        "organization" => [OrganizationReadAll, "Directory.Read.All"],
        _ when resource.StartsWith("reports/", StringComparison.Ordinal) || resource.StartsWith("copilot/reports/", StringComparison.Ordinal) => [ReportsReadAll],
        _ => [],
    };
}

namespace CopilotIngest.M365.Graph;

/// <summary>What a Graph call is for, in words for messages, and the application permission it needs.</summary>
internal sealed record GraphOperation(string Description, string Permission, bool IsReport = false)
{
    public static GraphOperation Report(string function) =>
        new($"the Copilot usage report {function}", "Reports.Read.All", IsReport: true);

    public static GraphOperation SubscribedSkus { get; } =
        new("the licence list /subscribedSkus", "LicenseAssignment.Read.All (or Organization.Read.All)");

    public static GraphOperation ReportSettings { get; } =
        new("the report privacy setting /admin/reportSettings", "ReportSettings.Read.All");

    public static GraphOperation Organization { get; } =
        new("the tenant's domains /organization", "Organization.Read.All");
}

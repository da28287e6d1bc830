namespace CopilotIngest.GitHub.Client;

/// <summary>An organization's Copilot seat breakdown and settings (<c>GET /orgs/{org}/copilot/billing</c>).</summary>
public sealed record OrganizationBilling(
    SeatBreakdown SeatBreakdown,
    string? SeatManagementSetting,
    string? PublicCodeSuggestions,
    string? IdeChat,
    string? PlatformChat,
    string? Cli,
    string? PlanType);

/// <summary>The billing cycle's seat counts; each may be missing.</summary>
public sealed record SeatBreakdown(
    int? Total,
    int? AddedThisCycle,
    int? PendingInvitation,
    int? PendingCancellation,
    int? ActiveThisCycle,
    int? InactiveThisCycle);

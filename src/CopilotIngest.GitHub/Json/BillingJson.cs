namespace CopilotIngest.GitHub.Json;

/// <summary><c>GET /orgs/{org}/copilot/billing</c>: "Copilot Organization Details".</summary>
internal sealed record BillingJson(
    SeatBreakdownJson? SeatBreakdown,
    string? SeatManagementSetting,
    string? PublicCodeSuggestions,
    string? IdeChat,
    string? PlatformChat,
    string? Cli,
    string? PlanType);

internal sealed record SeatBreakdownJson(
    int? Total,
    int? AddedThisCycle,
    int? PendingInvitation,
    int? PendingCancellation,
    int? ActiveThisCycle,
    int? InactiveThisCycle);

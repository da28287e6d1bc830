using CopilotIngest.Core.Entities;

namespace CopilotIngest.GitHub.Client;

/// <summary>Where seats are listed: an organization or an enterprise.</summary>
public enum SeatScopeType
{
    Organization,
    Enterprise,
}

/// <summary>One organization or enterprise whose Copilot seats are read.</summary>
public sealed record SeatScope(SeatScopeType Type, string Slug)
{
    public static SeatScope Organization(string login) => new(SeatScopeType.Organization, login);

    public static SeatScope Enterprise(string slug) => new(SeatScopeType.Enterprise, slug);

    /// <summary>The relative path of the seat listing, e.g. <c>orgs/acme/copilot/billing/seats</c>.</summary>
    public string SeatsPath => Type == SeatScopeType.Organization
        ? $"orgs/{Uri.EscapeDataString(Slug)}/copilot/billing/seats"
        : $"enterprises/{Uri.EscapeDataString(Slug)}/copilot/billing/seats";

    /// <summary>The relative root of the usage-metrics reports, e.g. <c>orgs/acme/copilot/metrics/reports</c>.</summary>
    public string ReportsPath => Type == SeatScopeType.Organization
        ? $"orgs/{Uri.EscapeDataString(Slug)}/copilot/metrics/reports"
        : $"enterprises/{Uri.EscapeDataString(Slug)}/copilot/metrics/reports";

    /// <summary>
    /// How Port identifiers name the scope, folded to lower case (<see cref="GitHubIdentity"/>): <c>acme</c> for an
    /// organization, <c>enterprise:acme</c> for an enterprise, whatever the case of the setting.
    /// </summary>
    public string PortKey => PortIdentifier.Sanitize(GitHubIdentity.Fold(Type == SeatScopeType.Organization ? Slug : "enterprise:" + Slug));

    /// <summary><c>org</c> or <c>enterprise</c>, as the blueprints' <c>scope_type</c> says.</summary>
    public string TypeName => Type == SeatScopeType.Organization ? "org" : "enterprise";

    /// <summary>The first day GitHub has usage-metrics reports for: 2025-12-12 for organizations, 2025-10-10 for enterprises.</summary>
    public DateOnly FirstReportDay => Type == SeatScopeType.Organization ? new DateOnly(2025, 12, 12) : new DateOnly(2025, 10, 10);

    /// <summary>How messages name the scope, e.g. <c>organization 'acme'</c>.</summary>
    public override string ToString() => Type == SeatScopeType.Organization ? $"organization '{Slug}'" : $"enterprise '{Slug}'";
}

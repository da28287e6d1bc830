using CopilotIngest.Core.Pricing;

namespace CopilotIngest.GitHub.Seats;

/// <summary>
/// What a scope's seats cost per month at the configured prices. A user's plan is the <c>plan_type</c> of their seat; a
/// seat without one takes the organization's <c>plan_type</c> (GET /orgs/{org}/copilot/billing), and failing that
/// <c>GITHUB_COPILOT_PLAN</c>. Inactive and never used follow the snapshot's own counts (<c>GITHUB_INACTIVE_DAYS</c>).
/// </summary>
public static class SeatCost
{
    public static LicenceCost Compute(SeatCounts counts, string? organizationPlan, LicencePrices prices)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(prices);
        var fallback = Plan(organizationPlan) ?? prices.GitHubDefaultPlan;
        decimal spend = 0, inactive = 0, neverUsed = 0;
        foreach (var (planType, users) in counts.StatusByPlan ?? new Dictionary<string, PlanSeatCounts>())
        {
            var price = prices.GitHubPrice(Plan(planType) ?? fallback);
            spend += price * users.Users;
            inactive += price * users.Inactive;
            neverUsed += price * users.NeverUsed;
        }

        return new LicenceCost(spend, inactive, neverUsed, counts.Active, prices.Currency);
    }

    /// <summary>GitHub's <c>plan_type</c> as a plan; null for <c>unknown</c>, absent or anything undocumented.</summary>
    public static CopilotPlan? Plan(string? planType) => planType?.Trim().ToUpperInvariant() switch
    {
        "BUSINESS" => CopilotPlan.Business,
        "ENTERPRISE" => CopilotPlan.Enterprise,
        _ => null,
    };
}

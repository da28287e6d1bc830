using CopilotIngest.Core.Pricing;
using CopilotIngest.M365.Licences;
using CopilotIngest.M365.Reports;

namespace CopilotIngest.M365.Mapping;

/// <summary>
/// What the tenant's Microsoft 365 Copilot licences cost per month at <c>M365_COPILOT_PRICE</c>. The spend is the purchased
/// licences of <c>/subscribedSkus</c> (the users enabled in the report when the licences are unknown). Inactive follows the
/// summary's own count: enabled users not active in the report period. Never used are licences bought but assigned to
/// nobody (the summary has no per-user history); unknown without the licences.
/// </summary>
internal static class SummaryCost
{
    public static LicenceCost? Compute(AppUserCount anyApp, CopilotLicences? licences, LicencePrices prices)
    {
        ArgumentNullException.ThrowIfNull(anyApp);
        ArgumentNullException.ThrowIfNull(prices);
        if (anyApp is not { Enabled: { } enabled, Active: { } active })
        {
            return null;
        }

        var price = prices.M365Copilot;
        var known = licences is { SkuPartNumbers.Count: > 0 };
        var paid = known ? licences!.Purchased : enabled;
        var inactive = Math.Max(0, enabled - active);
        return new LicenceCost(price * paid, price * inactive, known ? price * licences!.Unassigned : null, (int)Math.Min(active, int.MaxValue), prices.Currency);
    }
}

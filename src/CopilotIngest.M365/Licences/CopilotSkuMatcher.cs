using CopilotIngest.M365.Graph;

namespace CopilotIngest.M365.Licences;

/// <summary>
/// Recognises Copilot SKUs by their service plans (<c>M365_COPILOT_APPS</c>, <c>M365_COPILOT_BUSINESS_CHAT</c>), so new
/// Copilot SKUs count without a code change, plus the SKUs listed in <c>M365_COPILOT_SKUS</c> (part numbers or ids).
/// </summary>
internal sealed class CopilotSkuMatcher(IReadOnlyCollection<string> extraSkus)
{
    public static IReadOnlyList<string> CopilotServicePlanNames { get; } = ["M365_COPILOT_APPS", "M365_COPILOT_BUSINESS_CHAT"];

    public static IReadOnlyList<string> CopilotServicePlanIds { get; } = ["a62f8878-de10-42f3-b68f-6149a25ceb97", "3f30311c-6b1e-48a4-ab79-725b469da960"];

    public bool IsCopilot(SubscribedSkuPayload sku)
    {
        ArgumentNullException.ThrowIfNull(sku);
        if (extraSkus.Any(extra => string.Equals(extra, sku.SkuPartNumber, StringComparison.OrdinalIgnoreCase) || string.Equals(extra, sku.SkuId, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return (sku.ServicePlans ?? []).Any(plan =>
            CopilotServicePlanNames.Contains(plan.ServicePlanName ?? string.Empty, StringComparer.OrdinalIgnoreCase)
            || CopilotServicePlanIds.Contains(plan.ServicePlanId ?? string.Empty, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Sums the Copilot SKUs: purchased = <c>prepaidUnits.enabled</c>, assigned = <c>consumedUnits</c>, unassigned = the difference (never negative).</summary>
    public async Task<CopilotLicences> SumAsync(IAsyncEnumerable<SubscribedSkuPayload> skus, CancellationToken cancellationToken)
    {
        long purchased = 0;
        long assigned = 0;
        var names = new List<string>();
        await foreach (var sku in skus.WithCancellation(cancellationToken))
        {
            if (!IsCopilot(sku))
            {
                continue;
            }

            purchased += Math.Max(0, sku.PrepaidUnits?.Enabled ?? 0);
            assigned += Math.Max(0, sku.ConsumedUnits ?? 0);
            names.Add(sku.SkuPartNumber ?? sku.SkuId ?? "unknown");
        }

        names.Sort(StringComparer.Ordinal);
        return new CopilotLicences(purchased, assigned, Math.Max(0, purchased - assigned), names.Distinct(StringComparer.Ordinal).ToList());
    }
}

using System.Text.Json.Nodes;

namespace CopilotIngest.Core.Pricing;

/// <summary>
/// What a scope's Copilot licences cost per month, and how much of it pays for seats nobody uses. Amounts are rounded to
/// cents; <see cref="CostPerActiveUser"/> is null when nobody is active (there is nothing to divide by).
/// </summary>
/// <param name="MonthlySpend">Every paid seat (or licence) at its monthly price.</param>
/// <param name="InactiveSpend">Seats whose holders have not used Copilot within the inactivity threshold.</param>
/// <param name="NeverUsedSpend">Seats never used at all; null when unknown.</param>
/// <param name="ActiveUsers">The active users the spend is divided by.</param>
/// <param name="Currency">ISO 4217 code of the amounts.</param>
public sealed record LicenceCost(decimal MonthlySpend, decimal InactiveSpend, decimal? NeverUsedSpend, int ActiveUsers, string Currency)
{
    /// <summary>Spend on inactive and never-used seats together.</summary>
    public decimal WastedSpend => InactiveSpend + (NeverUsedSpend ?? 0m);

    /// <summary><see cref="MonthlySpend"/> / <see cref="ActiveUsers"/>, or null when nobody is active.</summary>
    public decimal? CostPerActiveUser => ActiveUsers > 0 ? Round(MonthlySpend / ActiveUsers) : null;

    /// <summary>Rounds an amount to cents, halves away from zero.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Writes <c>monthly_spend</c>, <c>inactive_spend</c>, <c>never_used_spend</c>, <c>wasted_spend</c>, <c>cost_per_active_user</c> and <c>currency</c>.</summary>
    public void WriteTo(JsonObject properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        properties["monthly_spend"] = Round(MonthlySpend);
        properties["inactive_spend"] = Round(InactiveSpend);
        properties["never_used_spend"] = NeverUsedSpend is { } neverUsed ? Round(neverUsed) : null;
        properties["wasted_spend"] = Round(WastedSpend);
        properties["cost_per_active_user"] = CostPerActiveUser;
        properties["currency"] = Currency;
    }
}

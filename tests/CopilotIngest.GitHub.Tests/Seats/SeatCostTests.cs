using CopilotIngest.Core.Pricing;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Seats;

namespace CopilotIngest.GitHub.Tests.Seats;

/// <summary>What seats cost: each user at their plan's price, inactive and never used by the snapshot's own threshold.</summary>
public sealed class SeatCostTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static SeatRecord Seat(string login, int? lastActivityDaysAgo, string? plan) =>
        new(login, null, "a", null, s_now.AddDays(-100), lastActivityDaysAgo is { } days ? s_now.AddDays(-days) : null, null, null, null, plan);

    private static SeatCounts Count(params SeatRecord[] seats)
    {
        var tally = new SeatTally(s_now, 30);
        foreach (var seat in seats)
        {
            tally.Add(seat);
        }

        return tally.ToCounts();
    }

    [Fact]
    public void Compute_MixedPlansAndActivity_EachUserAtTheirPlansPrice()
    {
        // ann: business, active. bob: business, inactive (40 days). cy: enterprise, never used. di: no plan_type → the
        // organization's plan (enterprise), active. ed: enterprise on one seat, business on another → enterprise, inactive.
        var counts = Count(
            Seat("ann", 2, "business"),
            Seat("bob", 40, "business"),
            Seat("cy", null, "enterprise"),
            Seat("di", 1, null),
            Seat("ed", 45, "business"),
            Seat("ED", 60, "enterprise"));

        var cost = SeatCost.Compute(counts, "enterprise", new LicencePrices());

        // 2 × 19 (ann, bob) + 3 × 39 (cy, di, ed) = 38 + 117 = 155; inactive: bob 19 + ed 39 = 58; never used: cy 39.
        Assert.Equal(155m, cost.MonthlySpend);
        Assert.Equal(58m, cost.InactiveSpend);
        Assert.Equal(39m, cost.NeverUsedSpend);
        Assert.Equal(97m, cost.WastedSpend);
        Assert.Equal(77.5m, cost.CostPerActiveUser);
        Assert.Equal("USD", cost.Currency);
    }

    [Theory]
    [InlineData(null, CopilotPlan.Business, 10)]
    [InlineData(null, CopilotPlan.Enterprise, 20)]
    [InlineData("business", CopilotPlan.Enterprise, 10)]
    [InlineData("unknown", CopilotPlan.Enterprise, 20)]
    public void Compute_SeatWithoutPlan_OrganizationPlanElseTheSetting(string? organizationPlan, CopilotPlan setting, int expected)
    {
        var counts = Count(Seat("solo", 1, null));

        var cost = SeatCost.Compute(counts, organizationPlan, new LicencePrices { GitHubBusiness = 10m, GitHubEnterprise = 20m, GitHubDefaultPlan = setting });

        Assert.Equal(expected, cost.MonthlySpend);
    }

    [Fact]
    public void Compute_NobodyActive_CostPerActiveUserIsNullNotADivisionByZero()
    {
        var counts = Count(Seat("idle", 90, "business"), Seat("never", null, "business"));

        var cost = SeatCost.Compute(counts, null, new LicencePrices());

        Assert.Equal(38m, cost.MonthlySpend);
        Assert.Null(cost.CostPerActiveUser);
        Assert.Equal(38m, cost.WastedSpend);
    }

    [Fact]
    public void Map_SnapshotWithCost_WritesTheCostProperties()
    {
        var counts = Count(Seat("ann", 2, "business"), Seat("bob", null, "business"));
        var cost = SeatCost.Compute(counts, null, new LicencePrices { Currency = "EUR" });

        var properties = SeatsEntityMapper.Map(new SeatSnapshot(SeatScope.Organization("acme"), new DateOnly(2026, 11, 25), 2, null, counts, cost)).Properties;

        Assert.Equal(38m, (decimal)properties["monthly_spend"]!);
        Assert.Equal(0m, (decimal)properties["inactive_spend"]!);
        Assert.Equal(19m, (decimal)properties["never_used_spend"]!);
        Assert.Equal(19m, (decimal)properties["wasted_spend"]!);
        Assert.Equal(38m, (decimal)properties["cost_per_active_user"]!);
        Assert.Equal("EUR", (string)properties["currency"]!);
    }
}

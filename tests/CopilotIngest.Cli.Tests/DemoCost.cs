using CopilotIngest.Simulation.GitHub;

namespace CopilotIngest.Cli.Tests;

/// <summary>
/// What the demo's seats cost, computed by hand from the simulated tenant's definition (the demo's default seed 42 and
/// organizations: octo-web on Copilot Business, octo-data on Copilot Enterprise) at the documented list prices,
/// 19 and 39 a seat and month, and the default 30-day inactivity. Nothing here calls the product's cost code.
/// </summary>
internal sealed record DemoCost(decimal Spend, decimal Inactive, decimal NeverUsed, int Active)
{
    public const int Seed = 42;

    public decimal Wasted => Inactive + NeverUsed;

    public decimal PerActiveUser => Math.Round(Spend / Active, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The cost of the enterprise's seats at <paramref name="now"/>: each person once, at the highest plan any of their
    /// seats names (an enterprise team seats on Copilot Enterprise); a seat naming no plan counts as Copilot Business, the
    /// default of GITHUB_COPILOT_PLAN, since GitHub reports no plan for an enterprise as a whole.
    /// </summary>
    public static DemoCost Enterprise(int seats, DateTimeOffset now)
    {
        var population = Population(seats, now);
        decimal spend = 0, inactive = 0, neverUsed = 0;
        var active = 0;
        foreach (var person in population.EnterpriseSeats().GroupBy(s => s.User.Login, StringComparer.OrdinalIgnoreCase))
        {
            var price = person.Any(s => s.PlanType == "enterprise") ? 39m : 19m;
            spend += price;
            Classify(person.First().User, now, price, ref inactive, ref neverUsed, ref active);
        }

        return new DemoCost(spend, inactive, neverUsed, active);
    }

    /// <summary>The cost of each organization's seats at <paramref name="now"/>, by organization login.</summary>
    public static Dictionary<string, DemoCost> PerOrganization(int seats, DateTimeOffset now)
    {
        var population = Population(seats, now);
        var result = new Dictionary<string, DemoCost>(StringComparer.Ordinal);
        foreach (var organization in population.Organizations)
        {
            var price = organization.PlanType == "enterprise" ? 39m : 19m;
            decimal spend = 0, inactive = 0, neverUsed = 0;
            var active = 0;
            foreach (var user in organization.SeatedUsers.Select(i => population.Users[i]))
            {
                spend += price;
                Classify(user, now, price, ref inactive, ref neverUsed, ref active);
            }

            result[organization.Login] = new DemoCost(spend, inactive, neverUsed, active);
        }

        return result;
    }

    private static SimulatedGitHubPopulation Population(int seats, DateTimeOffset now) =>
        SimulatedGitHubPopulation.Generate("octo-ent", ["octo-web", "octo-data"], seats, Seed, DateOnly.FromDateTime(now.UtcDateTime));

    // Never used: no activity at all; inactive: the last activity more than 30 days back; else active.
    private static void Classify(SimulatedUser user, DateTimeOffset now, decimal price, ref decimal inactive, ref decimal neverUsed, ref int active)
    {
        var last = user.LastActivityAt(now);
        if (last is null)
        {
            neverUsed += price;
        }
        else if (last < now.AddDays(-30))
        {
            inactive += price;
        }
        else
        {
            active++;
        }
    }
}

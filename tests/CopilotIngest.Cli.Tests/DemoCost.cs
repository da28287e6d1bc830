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

    /// <summary>The cost of each organization's seats at <paramref name="now"/>, by organization login.</summary>
    public static Dictionary<string, DemoCost> PerOrganization(int seats, DateTimeOffset now)
    {
        var population = SimulatedGitHubPopulation.Generate("octo-ent", ["octo-web", "octo-data"], seats, Seed, DateOnly.FromDateTime(now.UtcDateTime));
        var result = new Dictionary<string, DemoCost>(StringComparer.Ordinal);
        foreach (var organization in population.Organizations)
        {
            var price = organization.PlanType == "enterprise" ? 39m : 19m;
            decimal spend = 0, inactive = 0, neverUsed = 0;
            var active = 0;
            foreach (var user in organization.SeatedUsers.Select(i => population.Users[i]))
            {
                spend += price;
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

            result[organization.Login] = new DemoCost(spend, inactive, neverUsed, active);
        }

        return result;
    }
}

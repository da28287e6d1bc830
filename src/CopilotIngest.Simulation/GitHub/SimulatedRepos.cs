namespace CopilotIngest.Simulation.GitHub;

/// <summary>A simulated repository of an organization.</summary>
public sealed record SimulatedRepository(string FullName, long Id, bool Private);

/// <summary>One repository's day in a <c>repos-1-day</c> report.</summary>
/// <param name="ReviewTimes">The human-authored, human-reviewed <c>pull_request_review_times</c> entry; null writes an empty array.</param>
public sealed record SimulatedRepoDay(
    SimulatedRepository Repository,
    DateOnly Day,
    IReadOnlyDictionary<string, long> PullRequests,
    double MedianMinutesToMerge,
    IReadOnlyDictionary<string, double>? ReviewTimes);

/// <summary>
/// The repositories of the simulated organizations and their daily pull-request activity: a pure function of the seed,
/// the organization and the day. Each organization has four repositories plus one per 25 seated users, about a third of
/// them private; a repository appears in a day's report only when it had activity (about six days in ten).
/// </summary>
public static class SimulatedRepos
{
    private static readonly string[] s_names = ["api", "web", "mobile", "infra", "docs", "billing", "search", "auth", "data", "tools"];

    public static IReadOnlyList<SimulatedRepository> Of(SimulatedGitHubPopulation population, SimulatedOrganization organization)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(organization);
        var count = 4 + (organization.SeatedUsers.Count / 25);
        return [.. Enumerable.Range(0, count).Select(i => new SimulatedRepository(
            $"{organization.Login}/{s_names[i % s_names.Length]}{(i >= s_names.Length ? (i / s_names.Length).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}",
            (organization.Id * 1000) + i + 1,
            StableHash.Below(3, population.Seed, organization.Id, i, 200) == 0))];
    }

    /// <summary>The day's active repositories of an organization, or of every organization for the enterprise (null).</summary>
    public static IEnumerable<SimulatedRepoDay> Day(SimulatedGitHubPopulation population, SimulatedOrganization? organization, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(population);
        IReadOnlyList<SimulatedOrganization> organizations = organization is { } o ? [o] : population.Organizations;
        var seed = population.Seed;
        foreach (var org in organizations)
        {
            foreach (var repository in Of(population, org))
            {
                var n = day.DayNumber;
                if (StableHash.Unit(seed, repository.Id, n, 201) >= 0.6)
                {
                    continue;
                }

                var created = 1 + StableHash.Below(5, seed, repository.Id, n, 202);
                var reviewed = created + StableHash.Below(3, seed, repository.Id, n, 203);
                var merged = StableHash.Below(created + 1, seed, repository.Id, n, 204);
                var byCopilot = created / 3;
                var suggestions = reviewed * 2;
                var pullRequests = new Dictionary<string, long>(StringComparer.Ordinal)
                {
                    ["total_created"] = created,
                    ["total_reviewed"] = reviewed,
                    ["total_merged"] = merged,
                    ["total_suggestions"] = suggestions,
                    ["total_applied_suggestions"] = suggestions / 2,
                    ["total_created_by_copilot"] = byCopilot,
                    ["total_reviewed_by_copilot"] = reviewed / 2,
                    ["total_merged_created_by_copilot"] = Math.Min(byCopilot, merged),
                    ["total_merged_reviewed_by_copilot"] = merged / 2,
                    ["total_copilot_suggestions"] = reviewed,
                    ["total_copilot_applied_suggestions"] = reviewed / 3,
                };
                var humanMerged = merged / 2;
                var reviewTimes = humanMerged == 0 ? null : new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    ["total_merged"] = humanMerged,
                    ["median_minutes_ready_to_first_review"] = 20 + StableHash.Below(200, seed, repository.Id, n, 205),
                    ["p90_minutes_ready_to_first_review"] = 240 + StableHash.Below(600, seed, repository.Id, n, 206),
                    ["median_minutes_first_to_final_review"] = StableHash.Below(90, seed, repository.Id, n, 207),
                    ["p90_minutes_first_to_final_review"] = 90 + StableHash.Below(300, seed, repository.Id, n, 208),
                    ["median_minutes_final_review_to_merge"] = 5 + StableHash.Below(60, seed, repository.Id, n, 209),
                    ["p90_minutes_final_review_to_merge"] = 60 + StableHash.Below(240, seed, repository.Id, n, 210),
                };
                yield return new SimulatedRepoDay(repository, day, pullRequests, merged == 0 ? 0 : 30 + (StableHash.Below(900, seed, repository.Id, n, 211) / 2.0), reviewTimes);
            }
        }
    }
}

using System.Globalization;

namespace CopilotIngest.Simulation.GitHub;

/// <summary>A report the simulated GitHub serves: whose, which kind (GitHub's path segment) and which day (null for <c>latest</c>).</summary>
/// <param name="Organization">The organization, or null for the enterprise.</param>
/// <param name="Kind">e.g. <c>organization-1-day</c>, <c>enterprise-28-day</c>, <c>users-1-day</c>, <c>users-28-day</c>, <c>user-teams-1-day</c>, <c>repos-1-day</c>.</param>
/// <param name="Day">The day of a 1-day report; null for a 28-day <c>latest</c> report.</param>
public sealed record SimulatedReport(SimulatedOrganization? Organization, string Kind, DateOnly? Day)
{
    public bool IsUsers => Kind.StartsWith("users-", StringComparison.Ordinal);

    public bool IsUserTeams => Kind == "user-teams-1-day";

    public bool IsRepos => Kind == "repos-1-day";

    public bool IsScope => !IsUsers && !IsUserTeams && !IsRepos;

    /// <summary>The download path of one file, e.g. <c>/copilot-reports/orgs/octo-web/users-1-day/2026-11-20/2-of-3.ndjson</c>.</summary>
    public string FilePath(string scopeSlug, int part, int parts) =>
        string.Create(CultureInfo.InvariantCulture, $"/copilot-reports/{(Organization is null ? "enterprises" : "orgs")}/{scopeSlug}/{Kind}/{(Day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "latest")}/{part}-of-{parts}.ndjson");
}

using System.Collections.Concurrent;
using System.Globalization;

namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// Which reports exist and what their files hold. A day has data when it is on or after GitHub's first report day
/// (enterprise 2025-10-10, organizations 2025-12-12), within the year GitHub keeps, at least <see cref="SimulatedGitHubOptions.ReportLagDays"/>
/// before today, and not an outage day. User reports are split into files of <see cref="SimulatedGitHubOptions.UsersPerReportFile"/> lines.
/// </summary>
internal sealed class SimulatedReportCatalog(SimulatedGitHubPopulation population, SimulatedGitHubOptions options)
{
    public static readonly DateOnly FirstEnterpriseDay = new(2025, 10, 10);
    public static readonly DateOnly FirstOrganizationDay = new(2025, 12, 12);

    private readonly ConcurrentDictionary<DateOnly, byte> _noData = new();

    public string EnterpriseId { get; } = "5000001";

    public SimulatedGitHubPopulation Population => population;

    public DateOnly Today => DateOnly.FromDateTime(options.TimeProvider.GetUtcNow().UtcDateTime);

    /// <summary>The newest day GitHub has published.</summary>
    public DateOnly NewestDay => Today.AddDays(-options.ReportLagDays);

    public void AddNoDataDays(IEnumerable<DateOnly> days)
    {
        foreach (var day in days)
        {
            _noData[day] = 0;
        }
    }

    public void ClearNoDataDays() => _noData.Clear();

    public bool HasData(SimulatedOrganization? organization, DateOnly day) =>
        day >= (organization is null ? FirstEnterpriseDay : FirstOrganizationDay)
        && day > Today.AddDays(-366)
        && day <= NewestDay
        && !_noData.ContainsKey(day);

    /// <summary>How many files the report is split into.</summary>
    public int Parts(SimulatedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.IsScope)
        {
            return 1;
        }

        var rows = report.IsUsers ? UserRows(report).Count() : report.IsRepos ? RepoRows(report).Count() : TeamRows(report).Count();
        return Math.Max(1, (rows + options.UsersPerReportFile - 1) / options.UsersPerReportFile);
    }

    /// <summary>The bytes of file <paramref name="part"/> (1-based) of <paramref name="parts"/>.</summary>
    public byte[] Render(SimulatedReport report, int part, int parts)
    {
        ArgumentNullException.ThrowIfNull(report);
        var organization = report.Organization;
        var size = options.UsersPerReportFile;
        if (report.IsUsers)
        {
            return UsageReportWriter.Lines(Slice(UserRows(report), part, parts, size), (w, day) => UsageReportWriter.UserLine(w, day, EnterpriseId, organization, population.Seed));
        }

        if (report.IsUserTeams)
        {
            return UsageReportWriter.Lines(Slice(TeamRows(report), part, parts, size), (w, row) => UsageReportWriter.UserTeamLine(w, row.User, row.Team, report.Day!.Value, EnterpriseId, organization));
        }

        if (report.IsRepos)
        {
            return UsageReportWriter.Lines(Slice(RepoRows(report), part, parts, size), (w, row) => UsageReportWriter.RepoLine(w, row, EnterpriseId, organization));
        }

        if (report.Day is { } day)
        {
            return UsageReportWriter.Lines([SimulatedUsage.DayTotals(population, organization, day)], (w, totals) => UsageReportWriter.DayTotals(w, totals, EnterpriseId, organization));
        }

        var (start, end) = LatestRange();
        var days = Days(start, end).Where(d => HasData(organization, d)).Select(d => SimulatedUsage.DayTotals(population, organization, d)).ToList();
        return UsageReportWriter.Lines([days], (w, all) => UsageReportWriter.Days(w, all, start, end, EnterpriseId, organization));
    }

    public (DateOnly Start, DateOnly End) LatestRange() => (NewestDay.AddDays(-27), NewestDay);

    private IEnumerable<SimulatedUserDay> UserRows(SimulatedReport report)
    {
        var (start, end) = report.Day is { } day ? (day, day) : LatestRange();
        foreach (var d in Days(start, end).Where(d => HasData(report.Organization, d)))
        {
            foreach (var user in SimulatedUsage.ScopeUsers(population, report.Organization))
            {
                if (SimulatedUsage.UserDay(population, user, d) is { } row)
                {
                    yield return row;
                }
            }
        }
    }

    private IEnumerable<SimulatedRepoDay> RepoRows(SimulatedReport report) =>
        report.Day is { } day && HasData(report.Organization, day) ? SimulatedRepos.Day(population, report.Organization, day) : [];

    /// <summary>One row per (user, team) for teams with at least 5 seated users; the enterprise adds its enterprise team.</summary>
    private IEnumerable<(SimulatedUser User, SimulatedTeam Team)> TeamRows(SimulatedReport report)
    {
        IReadOnlyList<SimulatedOrganization> organizations = report.Organization is { } o ? [o] : population.Organizations;
        foreach (var organization in organizations)
        {
            var byTeam = organization.SeatedUsers
                .Select(i => population.Users[i])
                .Select(u => (User: u, Team: u.Memberships.First(m => m.OrganizationIndex == organization.Index).TeamIndex))
                .Where(x => x.Team is not null)
                .GroupBy(x => x.Team!.Value)
                .OrderBy(g => g.Key);
            foreach (var team in byTeam.Where(g => g.Count() >= 5))
            {
                foreach (var (user, _) in team)
                {
                    yield return (user, organization.Teams[team.Key]);
                }
            }
        }

        if (report.Organization is null && population.EnterpriseTeamUsers.Count >= 5)
        {
            foreach (var index in population.EnterpriseTeamUsers)
            {
                yield return (population.Users[index], population.EnterpriseTeam);
            }
        }
    }

    private static IEnumerable<T> Slice<T>(IEnumerable<T> rows, int part, int parts, int size) =>
        parts == 1 ? rows : rows.Skip((part - 1) * size).Take(size);

    private static IEnumerable<DateOnly> Days(DateOnly start, DateOnly end)
    {
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    internal static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}

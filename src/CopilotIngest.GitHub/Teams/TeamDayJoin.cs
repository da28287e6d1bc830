using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Teams;

/// <summary>
/// GitHub's team-metrics recipe for one day: the <c>user-teams-1-day</c> rows (small: one per member and team) are held
/// by user, then the <c>users-1-day</c> rows stream past and each is added to every team of its user (inner join on
/// the user and the day; a user in several teams counts in each, so team sums exceed the scope's total). Users are
/// matched by <c>user_id</c>, or by login when a row has no id; a user's second row for the day is ignored.
/// </summary>
public sealed class TeamDayJoin(DateOnly day)
{
    private readonly Dictionary<string, TeamDayTotals> _teams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TeamDayTotals>> _teamsOfUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<(string Team, string User)> _members = [];
    private readonly HashSet<string> _usersSeen = new(StringComparer.OrdinalIgnoreCase);

    public DateOnly Day { get; } = day;

    public IReadOnlyCollection<TeamDayTotals> Teams => _teams.Values;

    /// <summary>Rows left out: without a team slug or user, or for another day.</summary>
    public int Skipped { get; private set; }

    /// <summary>2026 report fields of the users rows that arrived in an unexpected shape (left out, the rest of the row kept).</summary>
    public FieldProblems FieldProblems { get; private set; } = new();

    /// <summary>Usage rows of users in no team (they count in the scope, not in any team).</summary>
    public int UsersWithoutTeam { get; private set; }

    public void AddMembership(UserTeamMembership row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Slug is not { Length: > 0 } slug || Key(row.UserId, row.UserLogin) is not { } user || (row.Day ?? Day) != Day)
        {
            Skipped++;
            return;
        }

        // An enterprise lists teams of several organizations, whose slugs may repeat: the team id tells them apart.
        // Without an id, the slug in lower case: it is case-insensitive and becomes part of the identifier folded.
        var key = row.TeamId is { } teamId ? teamId.ToString(System.Globalization.CultureInfo.InvariantCulture) : Client.GitHubIdentity.Fold(slug);
        if (!_teams.TryGetValue(key, out var team))
        {
            team = new TeamDayTotals(row.TeamId, slug);
            _teams[key] = team;
        }

        if (!_members.Add((key, user)))
        {
            return;
        }

        team.Members++;
        if (!_teamsOfUser.TryGetValue(user, out var teams))
        {
            teams = [];
            _teamsOfUser[user] = teams;
        }

        teams.Add(team);
    }

    /// <summary>Clears the usage side, so a users report read again (after fresh links) does not count twice.</summary>
    public TeamDayJoin StartUsage()
    {
        _usersSeen.Clear();
        UsersWithoutTeam = 0;
        FieldProblems = new FieldProblems();
        foreach (var team in _teams.Values)
        {
            team.ResetUsage();
        }

        return this;
    }

    public void AddUsage(UserDayUsage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (Key(row.UserId, row.UserLogin) is not { } user || (row.Day ?? Day) != Day)
        {
            Skipped++;
            return;
        }

        if (!_usersSeen.Add(user))
        {
            return;
        }

        if (!_teamsOfUser.TryGetValue(user, out var teams))
        {
            UsersWithoutTeam++;
            return;
        }

        var extras = ReportExtras.Read(row, FieldProblems);
        foreach (var team in teams)
        {
            team.Add(row, extras);
        }
    }

    private static string? Key(long? id, string? login) =>
        id is { } number ? "#" + number.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : login is { Length: > 0 } name ? name
        : null;
}

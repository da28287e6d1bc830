namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// The users, organizations and teams of a simulated GitHub enterprise, generated deterministically from a seed.
/// Some users are seated by two organizations and some also by an enterprise team, so an enterprise listing holds
/// duplicates. Activity is relative to <see cref="ReferenceDay"/> (the day the population was generated).
/// </summary>
public sealed class SimulatedGitHubPopulation
{
    private static readonly string[] s_firstNames =
    [
        "ada", "alan", "grace", "linus", "margaret", "dennis", "barbara", "ken", "frances", "edsger",
        "radia", "tim", "hedy", "guido", "anita", "bjarne", "sophie", "james", "karen", "donald",
        "mary", "john", "katherine", "niklaus", "adele", "brian", "jean", "leslie", "shafi", "yukihiro",
    ];

    private static readonly string[] s_lastNames =
    [
        "lovelace", "turing", "hopper", "torvalds", "hamilton", "ritchie", "liskov", "thompson", "allen", "dijkstra",
        "perlman", "berners", "lamarr", "rossum", "borg", "stroustrup", "wilson", "gosling", "jones", "knuth",
        "kenneth", "backus", "johnson", "wirth", "goldberg", "kernighan", "sammet", "lamport", "goldwasser", "matsumoto",
    ];

    private static readonly string[] s_teamNames = ["platform", "frontend", "backend", "data", "mobile", "security"];

    private static readonly (string Editor, double Weight)[] s_editors =
    [
        ("vscode/1.107.1/copilot-chat/0.35.3", 0.55),
        ("JetBrains-IU/2025.3.1/copilot-intellij/1.5.52-241", 0.2),
        ("VisualStudio/17.14.13/copilot-vs/1.252.0", 0.12),
        ("Neovim/0.11.2/copilot.vim/1.50.0", 0.05),
        ("Xcode/16.4/copilot-xcode/0.40.0", 0.04),
        ("copilot-cli/1.0.3", 0.04),
    ];

    private readonly Dictionary<string, SimulatedOrganization> _byLogin;
    private readonly Dictionary<long, SimulatedOrganization> _byId;
    private readonly int[] _enterpriseOffsets;

    private SimulatedGitHubPopulation(int seed, DateOnly referenceDay, string enterprise, IReadOnlyList<SimulatedUser> users, IReadOnlyList<SimulatedOrganization> organizations, SimulatedTeam enterpriseTeam, IReadOnlyList<int> enterpriseTeamUsers)
    {
        Seed = seed;
        ReferenceDay = referenceDay;
        Enterprise = enterprise;
        Users = users;
        Organizations = organizations;
        EnterpriseTeam = enterpriseTeam;
        EnterpriseTeamUsers = enterpriseTeamUsers;
        _byLogin = organizations.ToDictionary(o => o.Login, StringComparer.OrdinalIgnoreCase);
        _byId = organizations.ToDictionary(o => o.Id);
        ActivityFlags = new SimulatedActivityFlags(this);
        _enterpriseOffsets = new int[organizations.Count + 1];
        for (var i = 0; i < organizations.Count; i++)
        {
            _enterpriseOffsets[i + 1] = _enterpriseOffsets[i] + organizations[i].SeatedUsers.Count;
        }
    }

    public int Seed { get; }

    public DateOnly ReferenceDay { get; }

    public string Enterprise { get; }

    public IReadOnlyList<SimulatedUser> Users { get; }

    /// <summary>Every user's activity of a day in a few bits, computed once per day (for the scopes' day totals).</summary>
    internal SimulatedActivityFlags ActivityFlags { get; }

    public IReadOnlyList<SimulatedOrganization> Organizations { get; }

    /// <summary>The enterprise team that seats some users a second time.</summary>
    public SimulatedTeam EnterpriseTeam { get; }

    /// <summary>Indexes of the users the enterprise team seats.</summary>
    public IReadOnlyList<int> EnterpriseTeamUsers { get; }

    /// <summary>Seat records of the enterprise listing: every organization's seats, then the enterprise team's.</summary>
    public int EnterpriseSeatCount => _enterpriseOffsets[^1] + EnterpriseTeamUsers.Count;

    public static SimulatedGitHubPopulation Generate(string enterprise, IReadOnlyList<string> organizations, int seats, int seed, DateOnly referenceDay)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(enterprise);
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentOutOfRangeException.ThrowIfNegative(seats);
        if (organizations.Count == 0)
        {
            throw new ArgumentException("At least one organization is needed.", nameof(organizations));
        }

        var orgTeams = organizations.Select((login, o) => s_teamNames
            .Take(3 + StableHash.Below(3, seed, 50, o))
            .Select((team, t) => new SimulatedTeam(7_000_000 + (o * 100) + t, $"{login}-{team}", $"{Capitalize(login)} {Capitalize(team)}", false))
            .ToArray()).ToArray();
        var seatedBy = organizations.Select(_ => new List<int>()).ToArray();
        var enterpriseTeamUsers = new List<int>();
        var users = new SimulatedUser[seats];
        for (var i = 0; i < seats; i++)
        {
            var memberships = Memberships(seed, i, organizations.Count, orgTeams);
            foreach (var membership in memberships)
            {
                seatedBy[membership.OrganizationIndex].Add(i);
            }

            var byEnterpriseTeam = StableHash.Unit(seed, i, 60) < 0.06;
            if (byEnterpriseTeam)
            {
                enterpriseTeamUsers.Add(i);
            }

            users[i] = CreateUser(seed, i, referenceDay, memberships, byEnterpriseTeam);
        }

        var orgs = organizations.Select((login, o) => new SimulatedOrganization(
            o,
            login,
            9_000_000 + o,
            orgTeams[o],
            seatedBy[o],
            o == 0 ? "business" : "enterprise",
            Pick(["assign_selected", "assign_all"], o),
            Pick(["block", "allow", "unconfigured"], o),
            "enabled",
            Pick(["enabled", "disabled"], o),
            Pick(["enabled", "unconfigured", "disabled"], o))).ToArray();
        var enterpriseTeam = new SimulatedTeam(8_000_001, "copilot-champions", "Copilot Champions", true);
        return new SimulatedGitHubPopulation(seed, referenceDay, enterprise, users, orgs, enterpriseTeam, enterpriseTeamUsers);
    }

    public SimulatedOrganization? FindOrganization(string login) => _byLogin.GetValueOrDefault(login);

    public SimulatedOrganization? FindOrganization(long id) => _byId.GetValueOrDefault(id);

    /// <summary>The seat at <paramref name="position"/> of an organization's listing.</summary>
    public SimulatedSeat OrganizationSeat(SimulatedOrganization organization, int position)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var user = Users[organization.SeatedUsers[position]];
        var membership = user.Memberships.First(m => m.OrganizationIndex == organization.Index);
        var team = membership.TeamIndex is { } t ? organization.Teams[t] : null;
        return new SimulatedSeat(user, organization, team, membership.PendingCancellation, membership.OmitsPlanType ? null : organization.PlanType);
    }

    /// <summary>The seat at <paramref name="position"/> of the enterprise listing.</summary>
    public SimulatedSeat EnterpriseSeat(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, EnterpriseSeatCount);
        for (var o = 0; o < Organizations.Count; o++)
        {
            if (position < _enterpriseOffsets[o + 1])
            {
                return OrganizationSeat(Organizations[o], position - _enterpriseOffsets[o]);
            }
        }

        var user = Users[EnterpriseTeamUsers[position - _enterpriseOffsets[^1]]];
        return new SimulatedSeat(user, null, EnterpriseTeam, false, "enterprise");
    }

    public IEnumerable<SimulatedSeat> OrganizationSeats(SimulatedOrganization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        for (var i = 0; i < organization.SeatedUsers.Count; i++)
        {
            yield return OrganizationSeat(organization, i);
        }
    }

    public IEnumerable<SimulatedSeat> EnterpriseSeats()
    {
        for (var i = 0; i < EnterpriseSeatCount; i++)
        {
            yield return EnterpriseSeat(i);
        }
    }

    private static SimulatedMembership[] Memberships(int seed, int user, int organizationCount, SimulatedTeam[][] teams)
    {
        var primary = StableHash.Below(organizationCount, seed, user, 20);
        var organizations = organizationCount > 1 && StableHash.Unit(seed, user, 21) < 0.15
            ? new[] { primary, (primary + 1 + StableHash.Below(organizationCount - 1, seed, user, 22)) % organizationCount }.Order().ToArray()
            : [primary];
        return [.. organizations.Select(o => new SimulatedMembership(
            o,
            StableHash.Unit(seed, user, 23, o) < 0.7 ? StableHash.Below(teams[o].Length, seed, user, 24, o) : null,
            false,
            StableHash.Unit(seed, user, 25, o) < 0.03))];
    }

    private static SimulatedUser CreateUser(int seed, int index, DateOnly referenceDay, SimulatedMembership[] memberships, bool byEnterpriseTeam)
    {
        var roll = StableHash.Unit(seed, index, 30);
        var kind = roll switch
        {
            < 0.30 => SimulatedActivityKind.Daily,
            < 0.55 => SimulatedActivityKind.Regular,
            < 0.70 => SimulatedActivityKind.Occasional,
            < 0.88 => SimulatedActivityKind.Lapsed,
            _ => SimulatedActivityKind.NeverUsed,
        };
        var createdDaysAgo = kind == SimulatedActivityKind.NeverUsed && StableHash.Unit(seed, index, 31) < 0.3
            ? 1 + StableHash.Below(20, seed, index, 32)
            : 25 + StableHash.Below(700, seed, index, 33);
        var firstDay = referenceDay.AddDays(-createdDaysAgo);
        DateOnly? lastDay = null;
        if (kind == SimulatedActivityKind.Lapsed)
        {
            var last = referenceDay.AddDays(-(31 + StableHash.Below(170, seed, index, 34)));
            firstDay = firstDay < last.AddDays(-20) ? firstDay : last.AddDays(-20);
            lastDay = last;
        }

        var (weekday, weekend) = kind switch
        {
            SimulatedActivityKind.Daily => (0.85, 0.1),
            SimulatedActivityKind.Regular => (0.45, 0.05),
            SimulatedActivityKind.Occasional => (0.12, 0.02),
            SimulatedActivityKind.Lapsed => (0.35, 0.03),
            _ => (0.0, 0.0),
        };
        var profile = new SimulatedActivityProfile(kind, weekday, weekend, firstDay, lastDay, PickEditor(seed, index));
        var pendingChance = kind switch
        {
            SimulatedActivityKind.Lapsed => 0.15,
            SimulatedActivityKind.NeverUsed => 0.1,
            _ => 0.02,
        };
        memberships = [.. memberships.Select(m => m with { PendingCancellation = StableHash.Unit(seed, index, 35, m.OrganizationIndex) < pendingChance })];

        var first = s_firstNames[StableHash.Below(s_firstNames.Length, seed, index, 40)];
        var lastName = s_lastNames[StableHash.Below(s_lastNames.Length, seed, index, 41)];
        var login = $"{first}-{lastName}-{index + 1}";
        if (StableHash.Unit(seed, index, 42) < 0.1)
        {
            login = Capitalize(login);
        }

        var created = new DateTimeOffset(firstDay.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddMinutes(StableHash.Below(480, seed, index, 43));
        return new SimulatedUser(seed, index, 10_000_000 + index, login, $"{Capitalize(first)} {Capitalize(lastName)}", profile, created, memberships, byEnterpriseTeam);
    }

    private static string PickEditor(int seed, int index)
    {
        var roll = StableHash.Unit(seed, index, 44);
        foreach (var (editor, weight) in s_editors)
        {
            if (roll < weight)
            {
                return editor;
            }

            roll -= weight;
        }

        return s_editors[0].Editor;
    }

    private static string Pick(string[] values, int index) => values[index % values.Length];

    private static string Capitalize(string value) => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];
}

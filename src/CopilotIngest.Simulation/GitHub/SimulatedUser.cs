namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// One seated user of the simulated enterprise. Activity is a pure function of the seed, the user and the day,
/// so seats (<c>last_activity_at</c>) and usage reports computed from the same population always agree.
/// </summary>
public sealed class SimulatedUser
{
    private const int MaxLookBackDays = 400;
    private readonly long _seed;

    internal SimulatedUser(long seed, int index, long id, string login, string name, SimulatedActivityProfile activity, DateTimeOffset seatCreatedAt, IReadOnlyList<SimulatedMembership> memberships, bool seatedByEnterpriseTeam)
    {
        _seed = seed;
        Index = index;
        Id = id;
        Login = login;
        Name = name;
        Activity = activity;
        SeatCreatedAt = seatCreatedAt;
        Memberships = memberships;
        SeatedByEnterpriseTeam = seatedByEnterpriseTeam;
    }

    public int Index { get; }

    public long Id { get; }

    public string Login { get; }

    public string Name { get; }

    public SimulatedActivityProfile Activity { get; }

    /// <summary>When the user was granted Copilot (the seats' <c>created_at</c>).</summary>
    public DateTimeOffset SeatCreatedAt { get; }

    /// <summary>The organizations that seat this user (at least one).</summary>
    public IReadOnlyList<SimulatedMembership> Memberships { get; }

    /// <summary>True when an enterprise team also grants this user a seat (one more enterprise seat record).</summary>
    public bool SeatedByEnterpriseTeam { get; }

    /// <summary>Whether the user used Copilot at all on <paramref name="day"/>.</summary>
    public bool IsActiveOn(DateOnly day)
    {
        var profile = Activity;
        if (profile.Kind == SimulatedActivityKind.NeverUsed || day < profile.FirstDay || (profile.LastDay is { } last && day > last))
        {
            return false;
        }

        if (profile.LastDay == day)
        {
            return true;
        }

        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return StableHash.Unit(_seed, Id, day.DayNumber, 1) < (weekend ? profile.WeekendProbability : profile.WeekdayProbability);
    }

    /// <summary>The time of the user's last Copilot activity on <paramref name="day"/> (working hours, UTC).</summary>
    public DateTimeOffset ActivityTime(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero).AddMinutes(StableHash.Below(600, _seed, Id, day.DayNumber, 2));

    /// <summary>What the user did on <paramref name="day"/>, or null when they were not active.</summary>
    public SimulatedDayActivity? ActivityOn(DateOnly day)
    {
        if (!IsActiveOn(day))
        {
            return null;
        }

        var intensity = Activity.Kind switch
        {
            SimulatedActivityKind.Daily => 3,
            SimulatedActivityKind.Regular => 2,
            _ => 1,
        };
        var interactions = 1 + StableHash.Below(12 * intensity, _seed, Id, day.DayNumber, 3);
        var generations = StableHash.Below(30 * intensity, _seed, Id, day.DayNumber, 4);
        var acceptances = generations == 0 ? 0 : StableHash.Below(generations + 1, _seed, Id, day.DayNumber, 5);
        var suggested = generations * (2 + StableHash.Below(8, _seed, Id, day.DayNumber, 6));
        var accepted = generations == 0 ? 0 : suggested * acceptances / generations;
        return new SimulatedDayActivity(
            day,
            ActivityTime(day),
            Activity.Editor,
            interactions,
            generations,
            acceptances,
            suggested,
            accepted,
            UsedChat: StableHash.Unit(_seed, Id, day.DayNumber, 7) < 0.6,
            UsedAgent: StableHash.Unit(_seed, Id, day.DayNumber, 8) < 0.3,
            UsedCli: StableHash.Unit(_seed, Id, day.DayNumber, 9) < 0.1);
    }

    /// <summary>The latest activity at or before <paramref name="now"/>, or null when never used.</summary>
    public DateTimeOffset? LastActivityAt(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var start = Activity.LastDay is { } last && last < today ? last : today;
        var stop = Activity.FirstDay > today.AddDays(-MaxLookBackDays) ? Activity.FirstDay : today.AddDays(-MaxLookBackDays);
        for (var day = start; day >= stop; day = day.AddDays(-1))
        {
            if (IsActiveOn(day) && ActivityTime(day) <= now)
            {
                return ActivityTime(day);
            }
        }

        return null;
    }

    /// <summary>The last Copilot authentication: shortly before the last activity; some never-users signed in once.</summary>
    public DateTimeOffset? LastAuthenticatedAt(DateTimeOffset now)
    {
        if (LastActivityAt(now) is { } activity)
        {
            return activity.AddMinutes(-StableHash.Below(90, _seed, Id, 10));
        }

        var once = SeatCreatedAt.AddHours(2 + StableHash.Below(48, _seed, Id, 11));
        return StableHash.Unit(_seed, Id, 12) < 0.4 && once <= now ? once : null;
    }
}

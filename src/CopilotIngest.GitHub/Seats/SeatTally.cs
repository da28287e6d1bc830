using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Seats;

/// <summary>
/// Counts a stream of seats, keeping only a small state per user (never the seats themselves). A user seated
/// through several organizations or teams counts once, keyed by login case-insensitively (GitHub's own example has
/// two logins with the same id, so the id alone is not trusted); the latest activity of the duplicates wins.
/// </summary>
public sealed class SeatTally
{
    private readonly Dictionary<string, UserState> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly DateTimeOffset _activeSince;
    private readonly int _inactiveDays;
    private int _seatAssignments;
    private int _anonymous;

    /// <param name="now">The moment of the snapshot.</param>
    /// <param name="inactiveDays">Activity older than this many days before <paramref name="now"/> is inactive.</param>
    public SeatTally(DateTimeOffset now, int inactiveDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inactiveDays);
        _inactiveDays = inactiveDays;
        _activeSince = now - TimeSpan.FromDays(inactiveDays);
    }

    public void Add(SeatRecord seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        _seatAssignments++;
        var key = seat.AssigneeLogin is { Length: > 0 } login ? login
            : seat.AssigneeId is { } id ? $"#id:{id}"
            : $"#seat:{++_anonymous}";
        var pending = seat.PendingCancellationDate is not null;
        var plan = PlanRank(seat.PlanType);
        if (_users.TryGetValue(key, out var state))
        {
            _users[key] = new UserState(Latest(state.LastActivity, seat.LastActivityAt), state.AllPending && pending, Math.Max(state.Plan, plan));
        }
        else
        {
            _users[key] = new UserState(seat.LastActivityAt, pending, plan);
        }
    }

    public SeatCounts ToCounts()
    {
        int active = 0, inactive = 0, neverUsed = 0, pending = 0;
        var byPlan = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var statusByPlan = new SortedDictionary<string, PlanSeatCounts>(StringComparer.Ordinal);
        foreach (var user in _users.Values)
        {
            var plan = PlanName(user.Plan);
            var status = statusByPlan.GetValueOrDefault(plan) ?? new PlanSeatCounts(0, 0, 0);
            if (user.LastActivity is not { } last)
            {
                neverUsed++;
                status = status with { NeverUsed = status.NeverUsed + 1 };
            }
            else if (last >= _activeSince)
            {
                active++;
                status = status with { Active = status.Active + 1 };
            }
            else
            {
                inactive++;
                status = status with { Inactive = status.Inactive + 1 };
            }

            statusByPlan[plan] = status;

            if (user.AllPending)
            {
                pending++;
            }

            byPlan[plan] = byPlan.GetValueOrDefault(plan) + 1;
        }

        return new SeatCounts(_seatAssignments, _users.Count, active, inactive, neverUsed, pending, _inactiveDays, byPlan, statusByPlan);
    }

    /// <summary>Counts a whole seat stream.</summary>
    public static async Task<SeatCounts> CountAsync(IAsyncEnumerable<SeatRecord> seats, DateTimeOffset now, int inactiveDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seats);
        var tally = new SeatTally(now, inactiveDays);
        await foreach (var seat in seats.WithCancellation(cancellationToken))
        {
            tally.Add(seat);
        }

        return tally.ToCounts();
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;

    // A user seated through several organizations keeps the highest plan they hold.
    private static int PlanRank(string? plan) => plan?.ToUpperInvariant() switch
    {
        "ENTERPRISE" => 2,
        "BUSINESS" => 1,
        _ => 0,
    };

    private static string PlanName(int rank) => rank switch
    {
        2 => "enterprise",
        1 => "business",
        _ => "unknown",
    };

    private readonly record struct UserState(DateTimeOffset? LastActivity, bool AllPending, int Plan);
}

namespace CopilotIngest.GitHub.Seats;

/// <summary>What the seats of one scope add up to, each user counted once.</summary>
/// <param name="SeatAssignments">Seat records GitHub listed (an enterprise lists a user once per granting organization or team).</param>
/// <param name="Assigned">Distinct seated users.</param>
/// <param name="Active">Users whose latest Copilot activity is within <paramref name="InactiveDaysThreshold"/> days.</param>
/// <param name="Inactive">Users whose latest activity is older.</param>
/// <param name="NeverUsed">Users with no recorded activity at all.</param>
/// <param name="PendingCancellation">Users all of whose seats end at the next billing cycle.</param>
/// <param name="InactiveDaysThreshold">The <c>GITHUB_INACTIVE_DAYS</c> used.</param>
/// <param name="ByPlan">Users per plan type (<c>business</c>, <c>enterprise</c>, <c>unknown</c>).</param>
/// <param name="StatusByPlan">Active, inactive and never-used users per plan type (what the seats cost is computed from).</param>
public sealed record SeatCounts(
    int SeatAssignments,
    int Assigned,
    int Active,
    int Inactive,
    int NeverUsed,
    int PendingCancellation,
    int InactiveDaysThreshold,
    IReadOnlyDictionary<string, int> ByPlan,
    IReadOnlyDictionary<string, PlanSeatCounts>? StatusByPlan = null)
{
    /// <summary>Active users as a share of seated users, in percent with one decimal; 0 when nobody is seated.</summary>
    public double UtilisationPercent => Assigned == 0 ? 0 : Math.Round(Active * 100.0 / Assigned, 1, MidpointRounding.AwayFromZero);
}

namespace CopilotIngest.Simulation.GitHub;

/// <summary>One seat record as a listing shows it; an enterprise listing shows a user once per granting organization or team.</summary>
/// <param name="User">The seated user.</param>
/// <param name="Organization">The granting organization, or null for an enterprise-team seat.</param>
/// <param name="Team">The granting team, or null for a direct assignment.</param>
/// <param name="PendingCancellation">True when the seat ends at the next billing cycle.</param>
/// <param name="PlanType">business or enterprise, or null when GitHub omits it.</param>
public sealed record SimulatedSeat(SimulatedUser User, SimulatedOrganization? Organization, SimulatedTeam? Team, bool PendingCancellation, string? PlanType);

namespace CopilotIngest.Simulation.GitHub;

/// <summary>A seat an organization grants a user: directly or through one of its teams.</summary>
/// <param name="OrganizationIndex">Index into <see cref="SimulatedGitHubPopulation.Organizations"/>.</param>
/// <param name="TeamIndex">Index into the organization's teams, or null for a direct assignment.</param>
/// <param name="PendingCancellation">True when the seat ends at the start of the next billing cycle.</param>
/// <param name="OmitsPlanType">True when GitHub leaves <c>plan_type</c> out of this seat (as in its own example).</param>
public sealed record SimulatedMembership(int OrganizationIndex, int? TeamIndex, bool PendingCancellation, bool OmitsPlanType);

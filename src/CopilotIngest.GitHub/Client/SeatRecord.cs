namespace CopilotIngest.GitHub.Client;

/// <summary>
/// One Copilot seat as GitHub lists it. In an enterprise listing a user has one seat per organization or
/// team that grants access, so the same <see cref="AssigneeLogin"/> can appear several times.
/// </summary>
/// <param name="AssigneeLogin">The seated user's login, or null when GitHub gives no assignee.</param>
/// <param name="AssigneeId">The user's numeric id (not unique on its own in GitHub's own example).</param>
/// <param name="OrganizationLogin">The organization granting the seat (enterprise listings), if given.</param>
/// <param name="AssigningTeamSlug">The team or enterprise team granting the seat, if any.</param>
/// <param name="CreatedAt">When the user was last granted access.</param>
/// <param name="LastActivityAt">Last Copilot activity, or null when never used (or telemetry is off).</param>
/// <param name="LastActivityEditor">The editor of the last activity, e.g. <c>vscode/1.77.3/copilot/1.86.82</c>.</param>
/// <param name="LastAuthenticatedAt">Last authentication with Copilot.</param>
/// <param name="PendingCancellationDate">Set when access ends at the start of the next billing cycle.</param>
/// <param name="PlanType">business, enterprise, unknown, or null when GitHub omits it.</param>
public sealed record SeatRecord(
    string? AssigneeLogin,
    long? AssigneeId,
    string? OrganizationLogin,
    string? AssigningTeamSlug,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? LastActivityAt,
    string? LastActivityEditor,
    DateTimeOffset? LastAuthenticatedAt,
    DateOnly? PendingCancellationDate,
    string? PlanType);

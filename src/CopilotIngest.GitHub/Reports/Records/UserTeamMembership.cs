using System.Text.Json.Serialization;

namespace CopilotIngest.GitHub.Reports.Records;

/// <summary>One line of a <c>user-teams-1-day</c> report: a user belonged to a team that day (teams under 5 seated users are left out by GitHub).</summary>
public sealed record UserTeamMembership
{
    public DateOnly? Day { get; init; }

    public long? UserId { get; init; }

    public string? UserLogin { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? EnterpriseId { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? OrganizationId { get; init; }

    public long? TeamId { get; init; }

    public string? Slug { get; init; }
}

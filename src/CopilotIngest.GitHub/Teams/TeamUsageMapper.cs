using System.Globalization;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Usage;

namespace CopilotIngest.GitHub.Teams;

/// <summary>Maps one team's day to a <c>github_copilot_team_usage</c> entity (pure): <c>&lt;scope&gt;@&lt;team-slug&gt;@&lt;day&gt;</c>.</summary>
public static class TeamUsageMapper
{
    public const string Blueprint = "github_copilot_team_usage";

    public static string Identifier(SeatScope scope, string teamSlug, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(teamSlug);
        return PortIdentifier.Compose(scope.PortKey, GitHubIdentity.Fold(teamSlug), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>The team part of the identifier: the slug, plus the team id in an enterprise, where slugs of different organizations can repeat.</summary>
    public static string TeamKey(SeatScope scope, TeamDayTotals team)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(team);
        return scope.Type == SeatScopeType.Enterprise && team.TeamId is { } id
            ? $"{team.Slug}-{id.ToString(CultureInfo.InvariantCulture)}"
            : team.Slug;
    }

    /// <summary>The day of an identifier this mapper made for <paramref name="scope"/>, or null.</summary>
    public static DateOnly? DayOf(SeatScope scope, string identifier) => DailyIdentifier.DayOfKeyed(scope, identifier);

    public static PortEntity Map(SeatScope scope, DateOnly day, TeamDayTotals team)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(team);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var properties = new JsonObject
        {
            ["scope_type"] = scope.TypeName,
            ["scope"] = scope.Slug,
            ["team_slug"] = team.Slug,
            ["record_date"] = date + "T00:00:00Z",
            ["members"] = team.Members,
            ["active_users"] = team.ActiveUsers,
            ["user_initiated_interaction_count"] = team.Interactions,
            ["code_generation_activity_count"] = team.CodeGenerations,
            ["code_acceptance_activity_count"] = team.CodeAcceptances,
            ["loc_suggested_to_add_sum"] = team.LocSuggestedToAdd,
            ["loc_suggested_to_delete_sum"] = team.LocSuggestedToDelete,
            ["loc_added_sum"] = team.LocAdded,
            ["loc_deleted_sum"] = team.LocDeleted,
            ["chat_users"] = team.ChatUsers,
            ["agent_users"] = team.AgentUsers,
            ["cli_users"] = team.CliUsers,
            ["code_review_users"] = team.CodeReviewUsers,
            ["cloud_agent_users"] = team.CloudAgentUsers,
        };
        if (team.ThirdPartyAgentInteractions is { } agents)
        {
            properties["third_party_agent_interactions"] = ExtraProperties.Counts(agents);
        }

        if (team.CopilotAppSessions is { } appSessions)
        {
            properties["copilot_app_session_count"] = appSessions;
        }

        if (team.TeamId is { } id)
        {
            properties["team_id"] = id;
        }

        if (team.AiCreditsUsed is { } credits)
        {
            properties["ai_credits_used"] = credits;
        }

        return new PortEntity(Blueprint, Identifier(scope, TeamKey(scope, team), day), $"{scope.Slug} team {team.Slug} Copilot usage {date}", properties);
    }
}

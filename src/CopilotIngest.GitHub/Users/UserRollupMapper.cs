using System.Globalization;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Privacy;
using CopilotIngest.GitHub.Client;
using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Snapshots;

namespace CopilotIngest.GitHub.Users;

/// <summary>
/// Maps a user's 28-day rollup joined with their seat to a <c>github_copilot_user</c> entity (pure). Either side may be
/// missing: a seated user without activity, or an active user whose seat is gone. In pseudonymize mode the login is
/// replaced by its keyed pseudonym everywhere and the numeric user id is left out.
/// </summary>
public static class UserRollupMapper
{
    public const string Blueprint = "github_copilot_user";

    public static string Identifier(string user, SeatScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(user);
        return PortIdentifier.Compose(GitHubIdentity.Fold(user), scope.PortKey);
    }

    public static PortEntity Map(SeatScope scope, DateOnly windowStart, DateOnly windowEnd, UserRollup? usage, SeatHolder? seat, Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var login = usage?.Login ?? seat?.Login ?? throw new ArgumentException("A user needs usage or a seat.", nameof(usage));
        var user = pseudonymizer.Apply(login);
        var properties = new JsonObject
        {
            ["login"] = user,
            ["scope_type"] = scope.TypeName,
            ["scope"] = scope.Slug,
            ["window_start"] = Date(windowStart),
            ["window_end"] = Date(windowEnd),
            ["active_days"] = usage?.ActiveDays ?? 0,
            ["user_initiated_interaction_count"] = usage?.Interactions ?? 0,
            ["code_generation_activity_count"] = usage?.CodeGenerations ?? 0,
            ["code_acceptance_activity_count"] = usage?.CodeAcceptances ?? 0,
            ["loc_suggested_to_add_sum"] = usage?.LocSuggestedToAdd ?? 0,
            ["loc_suggested_to_delete_sum"] = usage?.LocSuggestedToDelete ?? 0,
            ["loc_added_sum"] = usage?.LocAdded ?? 0,
            ["loc_deleted_sum"] = usage?.LocDeleted ?? 0,
            ["chat_days"] = usage?.ChatDays ?? 0,
            ["agent_days"] = usage?.AgentDays ?? 0,
            ["cli_days"] = usage?.CliDays ?? 0,
            ["code_review_days"] = usage?.CodeReviewDays ?? 0,
            ["cloud_agent_days"] = usage?.CloudAgentDays ?? 0,
            ["cli_session_count"] = usage?.CliSessions ?? 0,
            ["used_chat"] = usage?.ChatDays > 0,
            ["used_agent"] = usage?.AgentDays > 0,
            ["used_cli"] = usage?.CliDays > 0,
            ["seat_assigned"] = seat is not null,
        };
        if (usage?.AiCreditsUsed is { } credits)
        {
            properties["ai_credits_used"] = credits;
        }

        if (usage?.LastActiveDay is { } last)
        {
            properties["last_active_day"] = Date(last);
        }

        if (usage?.ThirdPartyAgentInteractions is { } agents)
        {
            properties["third_party_agent_interactions"] = ExtraProperties.Counts(agents);
        }

        if (usage?.CopilotAppSessions is { } appSessions)
        {
            properties["copilot_app_session_count"] = appSessions;
        }

        if (usage?.AdoptionPhase is { } phase)
        {
            if (phase.Name is { } phaseName)
            {
                properties["ai_adoption_phase"] = phaseName;
            }

            if (phase.Number is { } phaseNumber)
            {
                properties["ai_adoption_phase_number"] = phaseNumber;
            }
        }

        if (usage?.TopIde is { } ide)
        {
            properties["ide_top"] = ide;
        }

        if (usage?.TopLanguage is { } language)
        {
            properties["language_top"] = language;
        }

        if (seat is not null)
        {
            if (seat.LastActivityAt is { } activity)
            {
                properties["seat_last_activity_at"] = Time(activity);
            }

            if (seat.LastActivityEditor is { Length: > 0 } editor)
            {
                properties["seat_last_activity_editor"] = editor;
            }

            if (seat.CreatedAt is { } created)
            {
                properties["seat_created_at"] = Time(created);
            }

            if (seat.PendingCancellationDate is { } pending)
            {
                properties["seat_pending_cancellation_date"] = Date(pending);
            }

            properties["seat_assigning_teams"] = new JsonArray([.. seat.AssigningTeams.Select(t => (JsonNode?)t)]);
        }

        if (!pseudonymizer.IsActive && (usage?.UserId ?? seat?.Id) is { } id)
        {
            properties["user_id"] = id;
        }

        var title = scope.Type == SeatScopeType.Organization ? $"{user} ({scope.Slug})" : $"{user} (enterprise {scope.Slug})";
        return new PortEntity(Blueprint, Identifier(user, scope), title, properties);
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd'T00:00:00Z'", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

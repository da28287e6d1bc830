using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace CopilotIngest.Simulation.GitHub;

/// <summary>Writes usage-metrics report lines and link answers in GitHub's shapes (snake_case, ids of organizations and enterprises as strings).</summary>
internal static class UsageReportWriter
{
    public static byte[] Links(IEnumerable<string> links, DateOnly? day, DateOnly? start, DateOnly? end) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("download_links");
        foreach (var link in links)
        {
            writer.WriteStringValue(link);
        }

        writer.WriteEndArray();
        if (day is { } d)
        {
            writer.WriteString("report_day", Date(d));
        }

        if (start is { } s && end is { } e)
        {
            writer.WriteString("report_start_day", Date(s));
            writer.WriteString("report_end_day", Date(e));
        }

        writer.WriteEndObject();
    });

    public static void UserLine(Utf8JsonWriter writer, SimulatedUserDay day, string enterpriseId, SimulatedOrganization? organization, long seed)
    {
        writer.WriteStartObject();
        writer.WriteString("day", Date(day.Day));
        writer.WriteNumber("user_id", day.User.Id);
        writer.WriteString("user_login", day.User.Login);
        writer.WriteString("enterprise_id", enterpriseId);
        if (organization is not null)
        {
            writer.WriteString("organization_id", organization.Id.ToString(CultureInfo.InvariantCulture));
        }

        Counters(writer, new SimulatedCounters
        {
            Interactions = day.Interactions,
            CodeGenerations = day.CodeGenerations,
            CodeAcceptances = day.CodeAcceptances,
            LocSuggestedToAdd = day.LocSuggestedToAdd,
            LocSuggestedToDelete = day.LocSuggestedToDelete,
            LocAdded = day.LocAdded,
            LocDeleted = day.LocDeleted,
        });
        writer.WriteBoolean("used_agent", day.UsedAgent);
        writer.WriteBoolean("used_chat", day.UsedChat);
        writer.WriteBoolean("used_cli", day.UsedCli);
        writer.WriteBoolean("used_copilot_code_review_active", day.UsedCodeReviewActive);
        writer.WriteBoolean("used_copilot_code_review_passive", day.UsedCodeReviewPassive);
        writer.WriteBoolean("used_copilot_cloud_agent", day.UsedCloudAgent);
        if (day.AiCreditsUsed is { } credits)
        {
            writer.WriteNumber("ai_credits_used", credits);
        }

        writer.WriteStartArray("totals_by_ide");
        if (day.Ide is { } ide)
        {
            writer.WriteStartObject();
            writer.WriteString("ide", ide);
            Counters(writer, new SimulatedCounters
            {
                Interactions = day.Interactions,
                CodeGenerations = day.CodeGenerations,
                CodeAcceptances = day.CodeAcceptances,
                LocSuggestedToAdd = day.LocSuggestedToAdd,
                LocSuggestedToDelete = day.LocSuggestedToDelete,
                LocAdded = day.LocAdded,
                LocDeleted = day.LocDeleted,
            });
            writer.WriteStartObject("last_known_ide_version");
            writer.WriteString("ide_version", day.User.Activity.Editor.Split('/').ElementAtOrDefault(1) ?? string.Empty);
            writer.WriteString("sampled_at", Timestamp(day.User.ActivityTime(day.Day)));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("totals_by_feature");
        foreach (var (feature, counters) in SimulatedDayTotals.Features(day))
        {
            writer.WriteStartObject();
            writer.WriteString("feature", feature);
            Counters(writer, counters);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("totals_by_language_feature");
        foreach (var (feature, counters) in SimulatedDayTotals.Features(day))
        {
            writer.WriteStartObject();
            writer.WriteString("language", day.Language);
            writer.WriteString("feature", feature);
            Counters(writer, counters with { Interactions = 0 }, withInteractions: false);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("totals_by_language_model");
        writer.WriteEndArray();
        writer.WriteStartArray("totals_by_model_feature");
        writer.WriteEndArray();
        if (day.UsedCli)
        {
            writer.WriteStartObject("totals_by_cli");
            writer.WriteNumber("session_count", day.CliSessions);
            writer.WriteNumber("request_count", day.CliRequests);
            writer.WriteNumber("prompt_count", day.CliPrompts);
            writer.WriteEndObject();
        }

        UserExtras(writer, SimulatedNewFields.Presence(seed, day.Day), SimulatedNewFields.For(seed, day));
        writer.WriteEndObject();
    }

    private static void UserExtras(Utf8JsonWriter writer, SimulatedFieldPresence presence, SimulatedUserExtras extras)
    {
        if (presence == SimulatedFieldPresence.Absent)
        {
            return;
        }

        if (presence == SimulatedFieldPresence.Null)
        {
            WriteNulls(writer, "ai_adoption_phase");
            return;
        }

        writer.WriteStartArray("totals_by_3rd_party_agent");
        foreach (var agent in extras.Agents)
        {
            writer.WriteStartObject();
            writer.WriteString("agent_id", agent.Id);
            writer.WriteString("agent_name", agent.Name);
            writer.WriteNumber("user_initiated_interaction_count", agent.Interactions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        Cli(writer, extras.Cli.ToDictionary(c => c.Key, c => c.Value.ToDictionary(i => i.Key, i => (long)i.Value, StringComparer.Ordinal), StringComparer.Ordinal));
        if (extras.App is { } app)
        {
            App(writer, app.Sessions, app.Requests, app.Prompts);
        }

        writer.WriteStartObject("ai_adoption_phase");
        writer.WriteNumber("phase_number", extras.PhaseNumber);
        writer.WriteString("phase", SimulatedNewFields.PhaseNames[extras.PhaseNumber]);
        writer.WriteString("version", "1");
        writer.WriteEndObject();
    }

    private static void ScopeExtras(Utf8JsonWriter writer, SimulatedDayTotals totals)
    {
        if (totals.NewFields == SimulatedFieldPresence.Absent)
        {
            return;
        }

        if (totals.NewFields == SimulatedFieldPresence.Null)
        {
            WriteNulls(writer, "totals_by_ai_adoption_phase");
            return;
        }

        writer.WriteStartArray("totals_by_3rd_party_agent");
        foreach (var agent in totals.Agents.Values)
        {
            writer.WriteStartObject();
            writer.WriteString("agent_id", agent.Id);
            writer.WriteString("agent_name", agent.Name);
            writer.WriteNumber("user_initiated_interaction_count", agent.Interactions);
            writer.WriteNumber("session_count", agent.Sessions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        Cli(writer, totals.Cli.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<string, long>)c.Value, StringComparer.Ordinal));
        App(writer, totals.CopilotApp.Sessions, totals.CopilotApp.Requests, totals.CopilotApp.Prompts);
        writer.WriteStartArray("totals_by_ai_adoption_phase");
        foreach (var (phase, users) in totals.UsersByPhase)
        {
            writer.WriteStartObject();
            writer.WriteString("phase", SimulatedNewFields.PhaseNames[phase]);
            writer.WriteNumber("phase_number", phase);
            writer.WriteNumber("total_engaged_users", users);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The five CLI customisation arrays (at most five items each) and their distinct counts.</summary>
    private static void Cli<TItems>(Utf8JsonWriter writer, IReadOnlyDictionary<string, TItems> categories)
        where TItems : IReadOnlyDictionary<string, long>
    {
        foreach (var category in SimulatedNewFields.CliCategories)
        {
            var items = categories.TryGetValue(category, out var found) ? found.ToList() : [];
            writer.WriteStartArray("totals_by_" + category);
            foreach (var (item, count) in items.OrderByDescending(i => i.Value).ThenBy(i => i.Key, StringComparer.Ordinal).Take(5))
            {
                writer.WriteStartObject();
                writer.WriteString(category, item);
                writer.WriteNumber("interaction_count", count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber($"distinct_{category}_use_count", items.Count);
        }
    }

    private static void App(Utf8JsonWriter writer, long sessions, long requests, long prompts)
    {
        writer.WriteStartObject("totals_by_copilot_app");
        writer.WriteNumber("session_count", sessions);
        writer.WriteNumber("request_count", requests);
        writer.WriteNumber("prompt_count", prompts);
        writer.WriteEndObject();
    }

    /// <summary>A day whose 2026 fields are null: GitHub sends the keys with null values.</summary>
    private static void WriteNulls(Utf8JsonWriter writer, string phaseField)
    {
        writer.WriteNull("totals_by_3rd_party_agent");
        foreach (var category in SimulatedNewFields.CliCategories)
        {
            writer.WriteNull("totals_by_" + category);
            writer.WriteNull($"distinct_{category}_use_count");
        }

        writer.WriteNull("totals_by_copilot_app");
        writer.WriteNull(phaseField);
    }

    public static void DayTotals(Utf8JsonWriter writer, SimulatedDayTotals totals, string enterpriseId, SimulatedOrganization? organization)
    {
        writer.WriteStartObject();
        writer.WriteString("day", Date(totals.Day));
        writer.WriteString("enterprise_id", enterpriseId);
        if (organization is not null)
        {
            writer.WriteString("organization_id", organization.Id.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteNumber("daily_active_users", totals.DailyActiveUsers);
        writer.WriteNumber("weekly_active_users", totals.WeeklyActiveUsers);
        writer.WriteNumber("monthly_active_users", totals.MonthlyActiveUsers);
        writer.WriteNumber("monthly_active_chat_users", totals.MonthlyActiveChatUsers);
        writer.WriteNumber("monthly_active_agent_users", totals.MonthlyActiveAgentUsers);
        if (totals.DailyActiveCliUsers > 0)
        {
            writer.WriteNumber("daily_active_cli_users", totals.DailyActiveCliUsers);
        }

        writer.WriteNumber("daily_active_copilot_code_review_users", totals.DailyActiveCodeReviewUsers);
        writer.WriteNumber("monthly_active_copilot_code_review_users", totals.MonthlyActiveCodeReviewUsers);
        writer.WriteNumber("monthly_passive_copilot_code_review_users", totals.MonthlyPassiveCodeReviewUsers);
        writer.WriteNumber("daily_active_copilot_cloud_agent_users", totals.DailyActiveCloudAgentUsers);
        writer.WriteNumber("monthly_active_copilot_cloud_agent_users", totals.MonthlyActiveCloudAgentUsers);
        Counters(writer, totals.Totals);
        writer.WriteStartObject("pull_requests");
        foreach (var (name, value) in totals.PullRequests)
        {
            writer.WriteNumber(name, value);
        }

        writer.WriteNumber("median_minutes_to_merge", totals.MedianMinutesToMerge);
        writer.WriteEndObject();
        if (totals.CliSessions > 0)
        {
            writer.WriteStartObject("totals_by_cli");
            writer.WriteNumber("session_count", totals.CliSessions);
            writer.WriteNumber("request_count", totals.CliRequests);
            writer.WriteNumber("prompt_count", totals.CliPrompts);
            writer.WriteEndObject();
        }

        Breakdown(writer, "totals_by_ide", "ide", totals.ByIde);
        Breakdown(writer, "totals_by_feature", "feature", totals.ByFeature);
        writer.WriteStartArray("totals_by_language_feature");
        foreach (var ((language, feature), counters) in totals.ByLanguageFeature)
        {
            writer.WriteStartObject();
            writer.WriteString("language", language);
            writer.WriteString("feature", feature);
            Counters(writer, counters, withInteractions: false);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("totals_by_language_model");
        writer.WriteEndArray();
        writer.WriteStartArray("totals_by_model_feature");
        writer.WriteEndArray();
        ScopeExtras(writer, totals);
        writer.WriteEndObject();
    }

    /// <summary>A 28-day report line: the range, the scope's id and <c>day_totals</c> for every day of it.</summary>
    public static void Days(Utf8JsonWriter writer, IReadOnlyList<SimulatedDayTotals> days, DateOnly start, DateOnly end, string enterpriseId, SimulatedOrganization? organization)
    {
        writer.WriteStartObject();
        writer.WriteString("report_start_day", Date(start));
        writer.WriteString("report_end_day", Date(end));
        writer.WriteString("enterprise_id", enterpriseId);
        if (organization is not null)
        {
            writer.WriteString("organization_id", organization.Id.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteStartArray("day_totals");
        foreach (var day in days)
        {
            DayTotals(writer, day, enterpriseId, organization);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void UserTeamLine(Utf8JsonWriter writer, SimulatedUser user, SimulatedTeam team, DateOnly day, string enterpriseId, SimulatedOrganization? organization)
    {
        writer.WriteStartObject();
        writer.WriteNumber("user_id", user.Id);
        writer.WriteString("user_login", user.Login);
        writer.WriteString("day", Date(day));
        if (organization is null)
        {
            writer.WriteString("enterprise_id", enterpriseId);
        }
        else
        {
            writer.WriteString("organization_id", organization.Id.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteNumber("team_id", team.Id);
        writer.WriteString("slug", team.Slug);
        writer.WriteEndObject();
    }

    /// <summary>A <c>repos-1-day</c> line: the repository, its visibility, <c>pull_requests</c> and <c>pull_request_review_times</c>.</summary>
    public static void RepoLine(Utf8JsonWriter writer, SimulatedRepoDay day, string enterpriseId, SimulatedOrganization? organization)
    {
        writer.WriteStartObject();
        writer.WriteString("day", Date(day.Day));
        writer.WriteString("enterprise_id", enterpriseId);
        if (organization is not null)
        {
            writer.WriteString("organization_id", organization.Id.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteNumber("repository_id", day.Repository.Id);
        writer.WriteString("repository", day.Repository.FullName);
        writer.WriteString("visibility", day.Repository.Private ? "private" : "public");
        writer.WriteStartObject("pull_requests");
        foreach (var (name, value) in day.PullRequests)
        {
            writer.WriteNumber(name, value);
        }

        writer.WriteNumber("median_minutes_to_merge", day.MedianMinutesToMerge);
        writer.WriteEndObject();
        writer.WriteStartArray("pull_request_review_times");
        if (day.ReviewTimes is { } times)
        {
            writer.WriteStartObject();
            writer.WriteString("authored_by", "human");
            writer.WriteString("reviewed_by", "human");
            foreach (var (name, value) in times)
            {
                writer.WriteNumber(name, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes each item as one line (compact JSON plus <c>\n</c>).</summary>
    public static byte[] Lines<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using var writer = new Utf8JsonWriter(buffer);
        foreach (var item in items)
        {
            write(writer, item);
            writer.Flush();
            writer.Reset();
            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Breakdown(Utf8JsonWriter writer, string name, string key, SortedDictionary<string, SimulatedCounters> entries)
    {
        writer.WriteStartArray(name);
        foreach (var (value, counters) in entries)
        {
            writer.WriteStartObject();
            writer.WriteString(key, value);
            Counters(writer, counters);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void Counters(Utf8JsonWriter writer, SimulatedCounters counters, bool withInteractions = true)
    {
        if (withInteractions)
        {
            writer.WriteNumber("user_initiated_interaction_count", counters.Interactions);
        }

        writer.WriteNumber("code_generation_activity_count", counters.CodeGenerations);
        writer.WriteNumber("code_acceptance_activity_count", counters.CodeAcceptances);
        writer.WriteNumber("loc_suggested_to_add_sum", counters.LocSuggestedToAdd);
        writer.WriteNumber("loc_suggested_to_delete_sum", counters.LocSuggestedToDelete);
        writer.WriteNumber("loc_added_sum", counters.LocAdded);
        writer.WriteNumber("loc_deleted_sum", counters.LocDeleted);
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

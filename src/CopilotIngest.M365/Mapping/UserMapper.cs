using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Reports;

namespace CopilotIngest.M365.Mapping;

/// <summary>
/// Maps a user detail row to an <c>m365_copilot_user</c> entity: last activity overall and per app, whether the user
/// was active in the report period (overall and per app), and v2 prompt counts. Names appear only in plain mode.
/// </summary>
internal static class UserMapper
{
    public static PortEntity Map(UserActivityRecord record, UserIdentity identity, string tenant, ReportPeriod requested, bool v2, bool relatePortUser)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(identity);
        var period = record.ReportPeriodDays is { } days ? ReportPeriod.FromDays(days) : requested;
        var properties = new JsonObject
        {
            ["tenant"] = tenant,
            ["identity"] = identity.Kind.ToString().ToLowerInvariant(),
        };
        if (identity.Upn is not null)
        {
            properties["upn"] = identity.Upn;
            properties["display_name"] = identity.DisplayName;
        }

        properties["report_refresh_date"] = PortValues.DateTime(record.ReportRefreshDate);
        properties["report_period"] = period.Value;
        properties["last_activity_date"] = PortValues.DateTimeOrNull(record.LastActivityDate);
        properties["days_since_last_activity"] = record.LastActivityDate is { } last ? record.ReportRefreshDate.DayNumber - last.DayNumber : null;
        properties["active_in_period"] = IsActive(record.LastActivityDate, record.ReportRefreshDate, period.Days);

        var activeApps = new JsonArray();
        foreach (var app in CopilotApp.All)
        {
            if (!record.AppLastActivity.TryGetValue(app.Key, out var date))
            {
                continue;
            }

            var active = IsActive(date, record.ReportRefreshDate, period.Days);
            properties[app.Key + "_last_activity_date"] = PortValues.DateTimeOrNull(date);
            properties[app.Key + "_active_in_period"] = active;
            if (active)
            {
                activeApps.Add(app.Key);
            }
        }

        properties["active_apps"] = activeApps;
        properties["active_app_count"] = activeApps.Count;

        if (v2)
        {
            properties["prompts_submitted"] = record.Prompts.AllApps;
            properties["copilot_chat_work_prompts"] = record.Prompts.CopilotChatWork;
            properties["copilot_chat_web_prompts"] = record.Prompts.CopilotChatWeb;
            properties["active_usage_days"] = record.Prompts.ActiveUsageDays;
        }

        JsonObject? relations = null;
        if (relatePortUser && identity.Kind == UserIdentityKind.Upn && identity.Upn is { } email)
        {
            relations = new JsonObject { [M365Blueprints.PortUserRelation] = email };
        }

        return new PortEntity(M365Blueprints.User, identity.Identifier, identity.Title, properties, relations);
    }

    /// <summary>Active in the period: the last activity falls within the <paramref name="days"/> days ending on the refresh date.</summary>
    public static bool IsActive(DateOnly? lastActivity, DateOnly refreshDate, int days) =>
        lastActivity is { } date && date <= refreshDate && date > refreshDate.AddDays(-days);
}

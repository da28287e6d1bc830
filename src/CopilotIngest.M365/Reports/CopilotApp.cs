namespace CopilotIngest.M365.Reports;

/// <summary>
/// A Copilot surface that the reports break usage down by, with the column keys it appears under and the prefix of
/// its Port properties. v2 apps appear only in <c>version='v2'</c> reports (names from the docs, keys unverified).
/// </summary>
/// <param name="Key">Prefix of the Port properties, e.g. <c>teams</c> → <c>teams_active_users</c>.</param>
/// <param name="Label">Name as the reports spell it.</param>
/// <param name="CountPrefix">Normalized prefix of the enabled/active user count columns, or null when the counts reports have none.</param>
/// <param name="ActivityColumn">Normalized last-activity column of the user detail report, or null when it has none.</param>
/// <param name="V2">True when only report version v2 has it.</param>
internal sealed record CopilotApp(string Key, string Label, string? CountPrefix, string? ActivityColumn, bool V2)
{
    public static IReadOnlyList<CopilotApp> All { get; } =
    [
        new("teams", "Microsoft Teams", "microsoftteams", "microsoftteamscopilotlastactivitydate", false),
        new("word", "Word", "word", "wordcopilotlastactivitydate", false),
        new("excel", "Excel", "excel", "excelcopilotlastactivitydate", false),
        new("powerpoint", "PowerPoint", "powerpoint", "powerpointcopilotlastactivitydate", false),
        new("outlook", "Outlook", "outlook", "outlookcopilotlastactivitydate", false),
        new("onenote", "OneNote", "onenote", "onenotecopilotlastactivitydate", false),
        new("loop", "Loop", "loop", "loopcopilotlastactivitydate", false),
        new("copilot_chat", "Copilot Chat", "copilotchat", "copilotchatlastactivitydate", false),
        new("copilot_chat_work", "Copilot Chat (work)", "copilotchatwork", "copilotchatworklastactivitydate", true),
        new("copilot_chat_web", "Copilot Chat (web)", "copilotchatweb", "copilotchatweblastactivitydate", true),
        new("m365_copilot_app", "Microsoft 365 Copilot", "microsoft365copilot", "microsoft365copilotlastactivitydate", true),
        new("edge", "Edge", "edge", "edgelastactivitydate", true),
        new("copilot_agent", "Copilot Agent", null, "copilotagentlastactivitydate", true),
    ];

    /// <summary>The "any app" totals of the count reports.</summary>
    public const string AnyAppCountPrefix = "anyapp";

    public string? EnabledUsersKey => CountPrefix is null ? null : CountPrefix + "enabledusers";

    public string? ActiveUsersKey => CountPrefix is null ? null : CountPrefix + "activeusers";
}

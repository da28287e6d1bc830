namespace CopilotIngest.Simulation.Graph;

/// <summary>A Copilot app of the simulated reports with its column names and how often users use it.</summary>
internal sealed record SimulatedApp(string CsvName, string JsonName, string? ActivityCsv, string? ActivityJson, bool HasCounts, double Popularity, bool V2)
{
    public static IReadOnlyList<SimulatedApp> All { get; } =
    [
        new("Microsoft Teams", "microsoftTeams", "Microsoft Teams Copilot Last Activity Date", "microsoftTeamsCopilotLastActivityDate", true, 1.0, false),
        new("Word", "word", "Word Copilot Last Activity Date", "wordCopilotLastActivityDate", true, 0.5, false),
        new("Excel", "excel", "Excel Copilot Last Activity Date", "excelCopilotLastActivityDate", true, 0.2, false),
        new("PowerPoint", "powerPoint", "PowerPoint Copilot Last Activity Date", "powerPointCopilotLastActivityDate", true, 0.25, false),
        new("Outlook", "outlook", "Outlook Copilot Last Activity Date", "outlookCopilotLastActivityDate", true, 0.6, false),
        new("OneNote", "oneNote", "OneNote Copilot Last Activity Date", "oneNoteCopilotLastActivityDate", true, 0.1, false),
        new("Loop", "loop", "Loop Copilot Last Activity Date", "loopCopilotLastActivityDate", true, 0.05, false),
        new("Copilot Chat", "copilotChat", "Copilot Chat Last Activity Date", "copilotChatLastActivityDate", true, 0.9, false),
        new("Copilot Chat (work)", "copilotChatWork", "Copilot Chat (work) Last Activity Date", "copilotChatWorkLastActivityDate", true, 0.7, true),
        new("Copilot Chat (web)", "copilotChatWeb", "Copilot Chat (web) Last Activity Date", "copilotChatWebLastActivityDate", true, 0.3, true),
        new("Microsoft 365 Copilot", "microsoft365Copilot", "Microsoft 365 Copilot Last Activity Date", "microsoft365CopilotLastActivityDate", true, 0.4, true),
        new("Edge", "edge", "Edge Last Activity Date", "edgeLastActivityDate", true, 0.15, true),
        new("Copilot Agent", "copilotAgent", "Copilot Agent Last Activity Date", "copilotAgentLastActivityDate", false, 0.05, true),
    ];

    public static IEnumerable<SimulatedApp> For(bool v2) => All.Where(a => v2 || !a.V2);
}

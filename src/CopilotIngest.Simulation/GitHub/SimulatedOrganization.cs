namespace CopilotIngest.Simulation.GitHub;

/// <summary>A simulated organization: its teams, Copilot settings, and the users it seats (by user index, in listing order).</summary>
public sealed record SimulatedOrganization(
    int Index,
    string Login,
    long Id,
    IReadOnlyList<SimulatedTeam> Teams,
    IReadOnlyList<int> SeatedUsers,
    string PlanType,
    string SeatManagementSetting,
    string PublicCodeSuggestions,
    string IdeChat,
    string PlatformChat,
    string Cli);

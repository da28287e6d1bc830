namespace CopilotIngest.Simulation.GitHub;

/// <summary>What one simulated user did with Copilot on one day (the basis of usage reports).</summary>
public sealed record SimulatedDayActivity(
    DateOnly Day,
    DateTimeOffset LastActivityAt,
    string Editor,
    int Interactions,
    int CodeGenerations,
    int CodeAcceptances,
    int LinesSuggested,
    int LinesAccepted,
    bool UsedChat,
    bool UsedAgent,
    bool UsedCli);

namespace CopilotIngest.Simulation.GitHub;

/// <summary>How a simulated user uses Copilot over time.</summary>
public enum SimulatedActivityKind
{
    /// <summary>Most working days.</summary>
    Daily,

    /// <summary>About every other working day.</summary>
    Regular,

    /// <summary>Now and then; some months not at all.</summary>
    Occasional,

    /// <summary>Used Copilot once, stopped more than 30 days ago.</summary>
    Lapsed,

    /// <summary>Seated but never used Copilot.</summary>
    NeverUsed,
}

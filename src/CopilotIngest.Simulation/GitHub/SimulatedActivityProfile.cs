namespace CopilotIngest.Simulation.GitHub;

/// <summary>A user's Copilot habits: how likely they are active on a given day, between which days, in which editor.</summary>
/// <param name="Kind">The habit.</param>
/// <param name="WeekdayProbability">Chance of activity on a Monday–Friday.</param>
/// <param name="WeekendProbability">Chance of activity on a Saturday or Sunday.</param>
/// <param name="FirstDay">First day activity is possible (the seat's creation day).</param>
/// <param name="LastDay">Last active day for lapsed users (always active that day); null otherwise.</param>
/// <param name="Editor">The <c>last_activity_editor</c> value, e.g. <c>vscode/1.107.1/copilot-chat/0.35.3</c>.</param>
public sealed record SimulatedActivityProfile(
    SimulatedActivityKind Kind,
    double WeekdayProbability,
    double WeekendProbability,
    DateOnly FirstDay,
    DateOnly? LastDay,
    string Editor);

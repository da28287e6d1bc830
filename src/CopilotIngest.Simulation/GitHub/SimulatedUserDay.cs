namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// What a user-level usage report says about one user on one day, derived from <see cref="SimulatedDayActivity"/>
/// (so seats' <c>last_activity_at</c> and the reports agree) plus the breakdowns the reports carry.
/// </summary>
public sealed record SimulatedUserDay(
    SimulatedUser User,
    DateOnly Day,
    string? Ide,
    string Language,
    long Interactions,
    long CodeGenerations,
    long CodeAcceptances,
    long LocSuggestedToAdd,
    long LocSuggestedToDelete,
    long LocAdded,
    long LocDeleted,
    bool UsedChat,
    bool UsedAgent,
    bool UsedCli,
    bool UsedCodeReviewActive,
    bool UsedCodeReviewPassive,
    bool UsedCloudAgent,
    int CliSessions,
    int CliRequests,
    int CliPrompts)
{
    /// <summary>The chat or agent feature the user's interactions went to, or null when they used neither.</summary>
    public string? ChatFeature => UsedAgent ? "chat_panel_agent_mode" : UsedChat ? "chat_panel_ask_mode" : null;

    /// <summary>Code generated through chat (a third when the user chatted); the rest is code completion.</summary>
    public long ChatGenerations => ChatFeature is null ? 0 : CodeGenerations / 3;

    public long ChatAcceptances => ChatFeature is null ? 0 : CodeAcceptances / 3;

    /// <summary>The first day GitHub's user reports carry <c>ai_credits_used</c>; earlier days leave it out.</summary>
    public static DateOnly FirstAiCreditsDay { get; } = new(2026, 6, 19);

    /// <summary><c>ai_credits_used</c>: a quarter credit per interaction, a whole one with the agent; null before <see cref="FirstAiCreditsDay"/>.</summary>
    public decimal? AiCreditsUsed => Day < FirstAiCreditsDay ? null : Interactions * (UsedAgent ? 1m : 0.25m);

    /// <summary>The premium model the user's requests went to (billing usage is itemised by model).</summary>
    public string Model => SimulatedBilling.Models[(int)(User.Id % SimulatedBilling.Models.Count)];
}

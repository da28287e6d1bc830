using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Teams;

/// <summary>One team's day: its members that day and the summed usage of those who were active.</summary>
public sealed class TeamDayTotals(long? teamId, string slug)
{
    public long? TeamId { get; } = teamId;

    public string Slug { get; } = slug;

    public int Members { get; internal set; }

    public int ActiveUsers { get; private set; }

    public long Interactions { get; private set; }

    public long CodeGenerations { get; private set; }

    public long CodeAcceptances { get; private set; }

    public long LocSuggestedToAdd { get; private set; }

    public long LocSuggestedToDelete { get; private set; }

    public long LocAdded { get; private set; }

    public long LocDeleted { get; private set; }

    public int ChatUsers { get; private set; }

    public int AgentUsers { get; private set; }

    public int CliUsers { get; private set; }

    public int CodeReviewUsers { get; private set; }

    /// <summary>The active members' <c>ai_credits_used</c> summed; null while no row carried it (no data, not zero).</summary>
    public decimal? AiCreditsUsed { get; private set; }

    public void Add(UserDayUsage user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ActiveUsers++;
        Interactions += user.UserInitiatedInteractionCount ?? 0;
        CodeGenerations += user.CodeGenerationActivityCount ?? 0;
        CodeAcceptances += user.CodeAcceptanceActivityCount ?? 0;
        LocSuggestedToAdd += user.LocSuggestedToAddSum ?? 0;
        LocSuggestedToDelete += user.LocSuggestedToDeleteSum ?? 0;
        LocAdded += user.LocAddedSum ?? 0;
        LocDeleted += user.LocDeletedSum ?? 0;
        ChatUsers += user.UsedChat == true ? 1 : 0;
        AgentUsers += user.UsedAgent == true ? 1 : 0;
        CliUsers += user.UsedCli == true ? 1 : 0;
        CodeReviewUsers += user.UsedCopilotCodeReviewActive == true ? 1 : 0;
        if (user.AiCreditsUsed is { } credits)
        {
            AiCreditsUsed = (AiCreditsUsed ?? 0) + credits;
        }
    }

    internal void ResetUsage()
    {
        ActiveUsers = 0;
        Interactions = CodeGenerations = CodeAcceptances = LocSuggestedToAdd = LocSuggestedToDelete = LocAdded = LocDeleted = 0;
        ChatUsers = AgentUsers = CliUsers = CodeReviewUsers = 0;
        AiCreditsUsed = null;
    }
}

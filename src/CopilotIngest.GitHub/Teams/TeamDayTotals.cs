using CopilotIngest.GitHub.Reports.Fields;
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

    /// <summary>Active members whose day says <c>used_copilot_cloud_agent</c> (or the older <c>used_copilot_coding_agent</c>).</summary>
    public int CloudAgentUsers { get; private set; }

    /// <summary>Interactions per <c>agent_id</c> of the members' <c>totals_by_3rd_party_agent</c>; null when no member's row carried the field.</summary>
    public IReadOnlyDictionary<string, long>? ThirdPartyAgentInteractions => _thirdPartyAgentInteractions;

    /// <summary>The members' Copilot app sessions; null when no member's row carried <c>totals_by_copilot_app</c>.</summary>
    public long? CopilotAppSessions { get; private set; }

    private SortedDictionary<string, long>? _thirdPartyAgentInteractions;

    /// <summary>The active members' <c>ai_credits_used</c> summed; null while no row carried it (no data, not zero).</summary>
    public decimal? AiCreditsUsed { get; private set; }

    public void Add(UserDayUsage user, ReportExtras? extras = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        extras ??= ReportExtras.Read(user, new FieldProblems());
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
        CloudAgentUsers += extras.UsedCloudAgent == true ? 1 : 0;
        if (extras.ThirdPartyAgents is { } agents)
        {
            _thirdPartyAgentInteractions ??= new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var (id, agent) in agents)
            {
                _thirdPartyAgentInteractions[id] = _thirdPartyAgentInteractions.GetValueOrDefault(id) + (agent.Interactions ?? 0);
            }
        }

        if (extras.CopilotApp is { } app)
        {
            CopilotAppSessions = (CopilotAppSessions ?? 0) + (app.Sessions ?? 0);
        }

        if (user.AiCreditsUsed is { } credits)
        {
            AiCreditsUsed = (AiCreditsUsed ?? 0) + credits;
        }
    }

    internal void ResetUsage()
    {
        ActiveUsers = 0;
        Interactions = CodeGenerations = CodeAcceptances = LocSuggestedToAdd = LocSuggestedToDelete = LocAdded = LocDeleted = 0;
        ChatUsers = AgentUsers = CliUsers = CodeReviewUsers = CloudAgentUsers = 0;
        _thirdPartyAgentInteractions = null;
        CopilotAppSessions = null;
        AiCreditsUsed = null;
    }
}

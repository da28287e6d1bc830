using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Reports.Fields;

/// <summary>One entry of <c>totals_by_3rd_party_agent</c> (keyed by its stable <c>agent_id</c>; the name may change).</summary>
public sealed record ThirdPartyAgentTotals(string? Name, long? Interactions, long? Sessions);

/// <summary><c>totals_by_copilot_app</c>: use of the Copilot app.</summary>
public sealed record CopilotAppTotals(long? Sessions, long? Requests, long? Prompts);

/// <summary><c>ai_adoption_phase</c> of a user: GitHub's phase 0 to 3 and its name.</summary>
public sealed record AdoptionPhase(long? Number, string? Name);

/// <summary>
/// The fields GitHub added to the usage reports in 2026, read tolerantly from a <see cref="ReportRecord"/>. A null
/// value means GitHub sent no data (field null or absent); an empty map or zero means no activity. Nested counts are
/// kept apart and never added to the line's top-level counters.
/// </summary>
public sealed record ReportExtras
{
    public IReadOnlyDictionary<string, ThirdPartyAgentTotals>? ThirdPartyAgents { get; init; }

    public IReadOnlyDictionary<string, long>? Skills { get; init; }

    public IReadOnlyDictionary<string, long>? CustomAgents { get; init; }

    public IReadOnlyDictionary<string, long>? McpServers { get; init; }

    public IReadOnlyDictionary<string, long>? SlashCommands { get; init; }

    public IReadOnlyDictionary<string, long>? Plugins { get; init; }

    public long? DistinctSkills { get; init; }

    public long? DistinctCustomAgents { get; init; }

    public long? DistinctMcpServers { get; init; }

    public long? DistinctSlashCommands { get; init; }

    public long? DistinctPlugins { get; init; }

    public CopilotAppTotals? CopilotApp { get; init; }

    public AdoptionPhase? AdoptionPhase { get; init; }

    /// <summary>Engaged users per phase name, from <c>totals_by_ai_adoption_phase</c> of a scope report.</summary>
    public IReadOnlyDictionary<string, long>? UsersByAdoptionPhase { get; init; }

    /// <summary><c>used_copilot_cloud_agent</c>, or the older <c>used_copilot_coding_agent</c>; null when neither was sent.</summary>
    public bool? UsedCloudAgent { get; init; }

    public static ReportExtras Read(ReportRecord record, FieldProblems problems)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(problems);
        var cloud = ExtraFieldReader.Flag(record.UsedCopilotCloudAgent, "used_copilot_cloud_agent", problems);
        var coding = ExtraFieldReader.Flag(record.UsedCopilotCodingAgent, "used_copilot_coding_agent", problems);
        return new ReportExtras
        {
            ThirdPartyAgents = ExtraFieldReader.ThirdPartyAgents(record.TotalsByThirdPartyAgent, problems),
            Skills = ExtraFieldReader.CountsByName(record.TotalsBySkill, "totals_by_skill", "skill", problems),
            CustomAgents = ExtraFieldReader.CountsByName(record.TotalsByCustomAgent, "totals_by_custom_agent", "custom_agent", problems),
            McpServers = ExtraFieldReader.CountsByName(record.TotalsByMcp, "totals_by_mcp", "mcp", problems),
            SlashCommands = ExtraFieldReader.CountsByName(record.TotalsBySlashCmd, "totals_by_slash_cmd", "slash_cmd", problems),
            Plugins = ExtraFieldReader.CountsByName(record.TotalsByPlugin, "totals_by_plugin", "plugin", problems),
            DistinctSkills = ExtraFieldReader.Count(record.DistinctSkillUseCount, "distinct_skill_use_count", problems),
            DistinctCustomAgents = ExtraFieldReader.Count(record.DistinctCustomAgentUseCount, "distinct_custom_agent_use_count", problems),
            DistinctMcpServers = ExtraFieldReader.Count(record.DistinctMcpUseCount, "distinct_mcp_use_count", problems),
            DistinctSlashCommands = ExtraFieldReader.Count(record.DistinctSlashCmdUseCount, "distinct_slash_cmd_use_count", problems),
            DistinctPlugins = ExtraFieldReader.Count(record.DistinctPluginUseCount, "distinct_plugin_use_count", problems),
            CopilotApp = ExtraFieldReader.CopilotApp(record.TotalsByCopilotApp, problems),
            AdoptionPhase = ExtraFieldReader.Phase(record.AiAdoptionPhase, problems),
            UsersByAdoptionPhase = ExtraFieldReader.UsersByPhase(record.TotalsByAiAdoptionPhase, problems),
            UsedCloudAgent = cloud is null && coding is null ? null : cloud == true || coding == true,
        };
    }
}

using System.Text.Json.Nodes;

namespace CopilotIngest.GitHub.Reports.Fields;

/// <summary>
/// How the 2026 report fields become Port property values: small objects keyed by item (agent id, skill, MCP server,
/// phase) and plain counts. A field GitHub sent no data for gives no value (the property is left out); an empty array
/// gives <c>{}</c> and a zero count 0.
/// </summary>
public static class ExtraProperties
{
    /// <summary>The properties of a scope day (<c>github_copilot_usage</c>), in blueprint order.</summary>
    public static IReadOnlyList<(string Name, Func<ReportExtras, JsonNode?> Value)> Scope { get; } =
    [
        ("third_party_agents", e => Agents(e.ThirdPartyAgents)),
        ("cli_skill_interactions", e => Counts(e.Skills)),
        ("cli_custom_agent_interactions", e => Counts(e.CustomAgents)),
        ("cli_mcp_interactions", e => Counts(e.McpServers)),
        ("cli_slash_cmd_interactions", e => Counts(e.SlashCommands)),
        ("cli_plugin_interactions", e => Counts(e.Plugins)),
        ("distinct_skill_use_count", e => e.DistinctSkills),
        ("distinct_custom_agent_use_count", e => e.DistinctCustomAgents),
        ("distinct_mcp_use_count", e => e.DistinctMcpServers),
        ("distinct_slash_cmd_use_count", e => e.DistinctSlashCommands),
        ("distinct_plugin_use_count", e => e.DistinctPlugins),
        ("copilot_app_session_count", e => e.CopilotApp?.Sessions),
        ("copilot_app_request_count", e => e.CopilotApp?.Requests),
        ("copilot_app_prompt_count", e => e.CopilotApp?.Prompts),
        ("users_by_ai_adoption_phase", e => Counts(e.UsersByAdoptionPhase)),
    ];

    /// <summary>Writes every value of <paramref name="properties"/> that is not null into <paramref name="target"/>.</summary>
    public static void AddTo(JsonObject target, ReportExtras extras, IReadOnlyList<(string Name, Func<ReportExtras, JsonNode?> Value)> properties)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(extras);
        ArgumentNullException.ThrowIfNull(properties);
        foreach (var (name, value) in properties)
        {
            if (value(extras) is { } node)
            {
                target[name] = node;
            }
        }
    }

    public static JsonObject? Counts(IReadOnlyDictionary<string, long>? counts)
    {
        if (counts is null)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (name, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            result[name] = count;
        }

        return result;
    }

    /// <summary><c>{ "&lt;agent_id&gt;": { "name": "...", "interactions": n, "sessions": n } }</c>, leaving out what GitHub did not send.</summary>
    public static JsonObject? Agents(IReadOnlyDictionary<string, ThirdPartyAgentTotals>? agents)
    {
        if (agents is null)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (id, agent) in agents.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var entry = new JsonObject();
            if (agent.Name is { } name)
            {
                entry["name"] = name;
            }

            if (agent.Interactions is { } interactions)
            {
                entry["interactions"] = interactions;
            }

            if (agent.Sessions is { } sessions)
            {
                entry["sessions"] = sessions;
            }

            result[id] = entry;
        }

        return result;
    }
}

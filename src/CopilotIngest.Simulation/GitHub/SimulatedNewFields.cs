namespace CopilotIngest.Simulation.GitHub;

/// <summary>Whether a day's report lines carry the fields GitHub added in 2026: most do, some leave them out, some send null.</summary>
public enum SimulatedFieldPresence
{
    Present,
    Absent,
    Null,
}

/// <summary>A third-party agent a user worked with on a day (user lines carry no sessions; scope lines do).</summary>
public sealed record SimulatedAgentUse(string Id, string Name, int Interactions, int Sessions);

/// <summary>What one user's day says in the 2026 fields.</summary>
/// <param name="Cli">Per CLI customisation category (<c>skill</c>, <c>custom_agent</c>, <c>mcp</c>, <c>slash_cmd</c>, <c>plugin</c>): item to interactions.</param>
public sealed record SimulatedUserExtras(
    IReadOnlyList<SimulatedAgentUse> Agents,
    (int Sessions, int Requests, int Prompts)? App,
    int PhaseNumber,
    IReadOnlyDictionary<string, SortedDictionary<string, int>> Cli);

/// <summary>
/// The 2026 report fields of the simulated GitHub (<c>totals_by_3rd_party_agent</c>, the CLI customisation arrays,
/// <c>totals_by_copilot_app</c>, <c>ai_adoption_phase</c>), a pure function of the seed, the user and the day. One day in ten
/// leaves them out and another one in ten sends null, so readers meet both kinds of "no data".
/// </summary>
public static class SimulatedNewFields
{
    /// <summary>The CLI customisation categories: GitHub's field suffix and the item key of its entries.</summary>
    public static readonly IReadOnlyList<string> CliCategories = ["skill", "custom_agent", "mcp", "slash_cmd", "plugin"];

    public static readonly IReadOnlyList<string> PhaseNames = ["exploring", "experimenting", "adopting", "scaling"];

    private static readonly (string Id, string Name)[] s_agents = [("1001", "Claude"), ("1002", "Codex")];

    private static readonly Dictionary<string, string[]> s_items = new(StringComparer.Ordinal)
    {
        ["skill"] = ["other", "pdf"],
        ["custom_agent"] = ["other"],
        ["mcp"] = ["github", "other"],
        ["slash_cmd"] = ["/plan", "custom"],
        ["plugin"] = ["other"],
    };

    /// <summary>Every tenth day leaves the fields out and every tenth (another one) sends null, so any ten days see both.</summary>
    public static SimulatedFieldPresence Presence(long seed, DateOnly day)
    {
        var slot = (((day.DayNumber + seed) % 10) + 10) % 10;
        return slot switch
        {
            3 => SimulatedFieldPresence.Absent,
            7 => SimulatedFieldPresence.Null,
            _ => SimulatedFieldPresence.Present,
        };
    }

    public static SimulatedUserExtras For(long seed, SimulatedUserDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var id = day.User.Id;
        var n = day.Day.DayNumber;
        var agents = new List<SimulatedAgentUse>();
        if (day.UsedAgent)
        {
            foreach (var (agentId, name) in s_agents)
            {
                if (StableHash.Unit(seed, id, n, 91 + agentId.Length + agentId[^1]) < 0.3)
                {
                    agents.Add(new SimulatedAgentUse(agentId, name, 1 + StableHash.Below(5, seed, id, n + agentId[^1]), 1 + StableHash.Below(2, seed, id, n + 92)));
                }
            }
        }

        (int, int, int)? app = null;
        if (StableHash.Unit(seed, id, n, 93) < 0.2)
        {
            var sessions = 1 + StableHash.Below(2, seed, id, n, 94);
            var requests = sessions * (1 + StableHash.Below(3, seed, id, n, 95));
            app = (sessions, requests, requests + StableHash.Below(2, seed, id, n, 96));
        }

        var cli = new Dictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        for (var c = 0; c < CliCategories.Count; c++)
        {
            var category = CliCategories[c];
            var items = new SortedDictionary<string, int>(StringComparer.Ordinal);
            if (day.UsedCli)
            {
                foreach (var item in s_items[category])
                {
                    if (StableHash.Unit(seed, id, n, 100 + (c * 10) + item.Length) < 0.5)
                    {
                        items[item] = 1 + StableHash.Below(4, seed, id, n, 150 + (c * 10) + item.Length);
                    }
                }
            }

            cli[category] = items;
        }

        return new SimulatedUserExtras(agents, app, StableHash.Below(PhaseNames.Count, seed, id, 97), cli);
    }
}

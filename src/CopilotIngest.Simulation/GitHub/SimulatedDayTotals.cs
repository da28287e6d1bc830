namespace CopilotIngest.Simulation.GitHub;

/// <summary>One scope's day as the organization and enterprise reports show it; built by <see cref="SimulatedUsage.DayTotals"/>.</summary>
public sealed class SimulatedDayTotals(DateOnly day)
{
    public DateOnly Day { get; } = day;

    public int DailyActiveUsers { get; private set; }

    public int WeeklyActiveUsers { get; set; }

    public int MonthlyActiveUsers { get; set; }

    public int MonthlyActiveChatUsers { get; set; }

    public int MonthlyActiveAgentUsers { get; set; }

    public int MonthlyActiveCodeReviewUsers { get; set; }

    public int MonthlyPassiveCodeReviewUsers { get; set; }

    public int MonthlyActiveCloudAgentUsers { get; set; }

    public int DailyActiveCliUsers { get; private set; }

    public int DailyActiveCodeReviewUsers { get; private set; }

    public int DailyActiveCloudAgentUsers { get; private set; }

    public SimulatedCounters Totals { get; } = new();

    public SortedDictionary<string, SimulatedCounters> ByIde { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, SimulatedCounters> ByFeature { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<(string Language, string Feature), SimulatedCounters> ByLanguageFeature { get; } = [];

    public long CliSessions { get; private set; }

    public long CliRequests { get; private set; }

    public long CliPrompts { get; private set; }

    /// <summary>Pull-request counters: created, reviewed, merged, by Copilot, suggestions.</summary>
    public IReadOnlyDictionary<string, long> PullRequests { get; private set; } = new Dictionary<string, long>();

    public double MedianMinutesToMerge { get; private set; }

    /// <summary>Whether the day's lines carry the 2026 fields.</summary>
    public SimulatedFieldPresence NewFields { get; internal set; }

    /// <summary>Third-party agents by id: name, the users' interactions and sessions.</summary>
    public SortedDictionary<string, SimulatedAgentUse> Agents { get; } = new(StringComparer.Ordinal);

    public (long Sessions, long Requests, long Prompts) CopilotApp { get; private set; }

    /// <summary>Active users of the day per adoption phase number.</summary>
    public SortedDictionary<int, int> UsersByPhase { get; } = [];

    /// <summary>Per CLI customisation category: item to the users' summed interactions (the distinct count is the number of items).</summary>
    public SortedDictionary<string, SortedDictionary<string, long>> Cli { get; } = new(StringComparer.Ordinal);

    public void AddExtras(SimulatedUserExtras extras)
    {
        ArgumentNullException.ThrowIfNull(extras);
        foreach (var agent in extras.Agents)
        {
            Agents[agent.Id] = Agents.TryGetValue(agent.Id, out var seen)
                ? seen with { Interactions = seen.Interactions + agent.Interactions, Sessions = seen.Sessions + agent.Sessions }
                : agent;
        }

        if (extras.App is { } app)
        {
            CopilotApp = (CopilotApp.Sessions + app.Sessions, CopilotApp.Requests + app.Requests, CopilotApp.Prompts + app.Prompts);
        }

        UsersByPhase[extras.PhaseNumber] = UsersByPhase.GetValueOrDefault(extras.PhaseNumber) + 1;
        foreach (var (category, items) in extras.Cli)
        {
            if (!Cli.TryGetValue(category, out var sums))
            {
                sums = new SortedDictionary<string, long>(StringComparer.Ordinal);
                Cli[category] = sums;
            }

            foreach (var (item, count) in items)
            {
                sums[item] = sums.GetValueOrDefault(item) + count;
            }
        }
    }

    public void Add(SimulatedUserDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        DailyActiveUsers++;
        DailyActiveCliUsers += day.UsedCli ? 1 : 0;
        DailyActiveCodeReviewUsers += day.UsedCodeReviewActive ? 1 : 0;
        DailyActiveCloudAgentUsers += day.UsedCloudAgent ? 1 : 0;
        Totals.Add(day.Interactions, day.CodeGenerations, day.CodeAcceptances, day.LocSuggestedToAdd, day.LocSuggestedToDelete, day.LocAdded, day.LocDeleted);
        if (day.Ide is { } ide)
        {
            Counters(ByIde, ide).Add(day.Interactions, day.CodeGenerations, day.CodeAcceptances, day.LocSuggestedToAdd, day.LocSuggestedToDelete, day.LocAdded, day.LocDeleted);
        }

        foreach (var (feature, share) in Features(day))
        {
            Counters(ByFeature, feature).Add(share);
            Counters(ByLanguageFeature, (day.Language, feature)).Add(share with { Interactions = 0 });
        }

        CliSessions += day.CliSessions;
        CliRequests += day.CliRequests;
        CliPrompts += day.CliPrompts;
    }

    /// <summary>How a user's day splits over features: chat (or agent) gets the interactions and a third of the code, completion the rest.</summary>
    public static IEnumerable<(string Feature, SimulatedCounters Counters)> Features(SimulatedUserDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var chatGenerations = day.ChatGenerations;
        var chatAcceptances = day.ChatAcceptances;
        long Share(long total) => day.CodeGenerations == 0 ? 0 : total * chatGenerations / day.CodeGenerations;
        var chat = new SimulatedCounters
        {
            Interactions = day.Interactions,
            CodeGenerations = chatGenerations,
            CodeAcceptances = chatAcceptances,
            LocSuggestedToAdd = Share(day.LocSuggestedToAdd),
            LocSuggestedToDelete = Share(day.LocSuggestedToDelete),
            LocAdded = Share(day.LocAdded),
            LocDeleted = Share(day.LocDeleted),
        };
        if (day.ChatFeature is { } feature)
        {
            yield return (feature, chat);
        }

        yield return ("code_completion", new SimulatedCounters
        {
            CodeGenerations = day.CodeGenerations - chat.CodeGenerations,
            CodeAcceptances = day.CodeAcceptances - chat.CodeAcceptances,
            LocSuggestedToAdd = day.LocSuggestedToAdd - chat.LocSuggestedToAdd,
            LocSuggestedToDelete = day.LocSuggestedToDelete - chat.LocSuggestedToDelete,
            LocAdded = day.LocAdded - chat.LocAdded,
            LocDeleted = day.LocDeleted - chat.LocDeleted,
        });
    }

    internal void SetPullRequests(long seed, long scopeId)
    {
        var created = (DailyActiveUsers / 3) + StableHash.Below(4, seed, scopeId, Day.DayNumber, 70);
        var byCopilot = created / 5;
        var reviewed = created + StableHash.Below(3, seed, scopeId, Day.DayNumber, 71);
        var merged = created * 4 / 5;
        var suggestions = reviewed * 2;
        var copilotSuggestions = reviewed;
        PullRequests = new Dictionary<string, long>
        {
            ["total_created"] = created,
            ["total_reviewed"] = reviewed,
            ["total_merged"] = merged,
            ["total_suggestions"] = suggestions,
            ["total_applied_suggestions"] = suggestions / 2,
            ["total_created_by_copilot"] = byCopilot,
            ["total_reviewed_by_copilot"] = reviewed / 3,
            ["total_merged_created_by_copilot"] = byCopilot * 3 / 4,
            ["total_merged_reviewed_by_copilot"] = reviewed / 4,
            ["total_copilot_suggestions"] = copilotSuggestions,
            ["total_copilot_applied_suggestions"] = copilotSuggestions / 3,
        };
        MedianMinutesToMerge = created == 0 ? 0 : 30 + (StableHash.Below(600, seed, scopeId, Day.DayNumber, 72) / 2.0);
    }

    private static SimulatedCounters Counters<TKey>(SortedDictionary<TKey, SimulatedCounters> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var counters))
        {
            counters = new SimulatedCounters();
            map[key] = counters;
        }

        return counters;
    }
}

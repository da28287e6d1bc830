namespace CopilotIngest.Simulation.GitHub;

/// <summary>
/// Usage-report content computed from the population: per-user days and per-scope day totals. Everything is a pure
/// function of the seed, the users and the day, so a day reads the same in every report and on every request.
/// </summary>
public static class SimulatedUsage
{
    private static readonly string[] s_languages = ["typescript", "python", "java", "csharp", "go", "ruby", "markdown"];

    /// <summary>The user's report row for <paramref name="day"/>, or null when they were not active.</summary>
    public static SimulatedUserDay? UserDay(SimulatedGitHubPopulation population, SimulatedUser user, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(user);
        if (user.ActivityOn(day) is not { } activity)
        {
            return null;
        }

        var seed = population.Seed;
        var chatOrAgent = activity.UsedChat || activity.UsedAgent;
        var deleted = activity.LinesAccepted / (3 + StableHash.Below(4, seed, user.Id, day.DayNumber, 50));
        var favourite = StableHash.Below(s_languages.Length, seed, user.Id, 51);
        var language = StableHash.Unit(seed, user.Id, day.DayNumber, 52) < 0.7 ? s_languages[favourite] : s_languages[StableHash.Below(s_languages.Length, seed, user.Id, day.DayNumber, 53)];
        var sessions = activity.UsedCli ? 1 + StableHash.Below(3, seed, user.Id, day.DayNumber, 54) : 0;
        var requests = sessions * (1 + StableHash.Below(4, seed, user.Id, day.DayNumber, 55));
        return new SimulatedUserDay(
            user,
            day,
            Ide(activity.Editor),
            language,
            chatOrAgent ? activity.Interactions : 0,
            activity.CodeGenerations,
            activity.CodeAcceptances,
            activity.LinesSuggested,
            deleted + StableHash.Below(3, seed, user.Id, day.DayNumber, 56),
            activity.LinesAccepted,
            deleted,
            activity.UsedChat,
            activity.UsedAgent,
            activity.UsedCli,
            StableHash.Unit(seed, user.Id, day.DayNumber, 57) < 0.15,
            StableHash.Unit(seed, user.Id, day.DayNumber, 58) < 0.25,
            StableHash.Unit(seed, user.Id, day.DayNumber, 59) < 0.05,
            sessions,
            requests,
            requests + StableHash.Below(2, seed, user.Id, day.DayNumber, 60));
    }

    /// <summary>The users a scope's reports cover: an organization's seated users, or every user of the enterprise.</summary>
    public static IEnumerable<SimulatedUser> ScopeUsers(SimulatedGitHubPopulation population, SimulatedOrganization? organization)
    {
        ArgumentNullException.ThrowIfNull(population);
        return organization is null ? population.Users : organization.SeatedUsers.Select(i => population.Users[i]);
    }

    /// <summary>The scope's totals for <paramref name="day"/>: daily, 7-day and 28-day active users and the day's sums.</summary>
    public static SimulatedDayTotals DayTotals(SimulatedGitHubPopulation population, SimulatedOrganization? organization, DateOnly day)
    {
        var totals = new SimulatedDayTotals(day);
        var window = new byte[28][];
        for (var back = 0; back < window.Length; back++)
        {
            window[back] = population.ActivityFlags.On(day.AddDays(-back));
        }

        foreach (var user in ScopeUsers(population, organization))
        {
            var weekly = false;
            var seen = 0;
            for (var back = 0; back < window.Length; back++)
            {
                var flags = window[back][user.Index];
                seen |= flags;
                weekly |= back < 7 && flags != 0;
            }

            if (window[0][user.Index] != 0 && UserDay(population, user, day) is { } today)
            {
                totals.Add(today);
                totals.AddExtras(SimulatedNewFields.For(population.Seed, today));
            }

            totals.WeeklyActiveUsers += weekly ? 1 : 0;
            totals.MonthlyActiveUsers += Has(seen, SimulatedActivityFlags.Active);
            totals.MonthlyActiveChatUsers += Has(seen, SimulatedActivityFlags.Chat);
            totals.MonthlyActiveAgentUsers += Has(seen, SimulatedActivityFlags.Agent);
            totals.MonthlyActiveCodeReviewUsers += Has(seen, SimulatedActivityFlags.CodeReviewActive);
            totals.MonthlyPassiveCodeReviewUsers += Has(seen, SimulatedActivityFlags.CodeReviewPassive);
            totals.MonthlyActiveCloudAgentUsers += Has(seen, SimulatedActivityFlags.CloudAgent);
        }

        totals.NewFields = SimulatedNewFields.Presence(population.Seed, day);
        totals.SetPullRequests(population.Seed, organization?.Id ?? 0);
        return totals;
    }

    private static int Has(int flags, byte flag) => (flags & flag) != 0 ? 1 : 0;

    /// <summary>GitHub's <c>ide</c> name for a <c>last_activity_editor</c> value; null for the CLI.</summary>
    public static string? Ide(string editor)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var product = editor.Split('/')[0];
        return product switch
        {
            "vscode" => "vscode",
            _ when product.StartsWith("JetBrains", StringComparison.Ordinal) => "intellij",
            "VisualStudio" => "visualstudio",
            "Neovim" => "neovim",
            "Xcode" => "xcode",
            _ => null,
        };
    }
}

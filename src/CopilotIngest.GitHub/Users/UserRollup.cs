using CopilotIngest.GitHub.Reports.Records;
using CopilotIngest.GitHub.Usage;

namespace CopilotIngest.GitHub.Users;

/// <summary>One user's rolling 28-day summary, built line by line from a <c>users-28-day</c> report (one line per active day).</summary>
public sealed class UserRollup(string login)
{
    private readonly HashSet<DateOnly> _days = [];
    private readonly Dictionary<string, long> _byIde = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byLanguage = new(StringComparer.Ordinal);

    public string Login { get; } = login;

    public long? UserId { get; private set; }

    public int ActiveDays => _days.Count;

    public DateOnly? LastActiveDay { get; private set; }

    public long Interactions { get; private set; }

    public long CodeGenerations { get; private set; }

    public long CodeAcceptances { get; private set; }

    public long LocSuggestedToAdd { get; private set; }

    public long LocSuggestedToDelete { get; private set; }

    public long LocAdded { get; private set; }

    public long LocDeleted { get; private set; }

    public int ChatDays { get; private set; }

    public int AgentDays { get; private set; }

    public int CliDays { get; private set; }

    public int CodeReviewDays { get; private set; }

    public int CloudAgentDays { get; private set; }

    public long CliSessions { get; private set; }

    /// <summary><c>ai_credits_used</c> summed over the window; null while no line carried it (no data, not zero).</summary>
    public decimal? AiCreditsUsed { get; private set; }

    public string? TopIde => Breakdown.Top(_byIde.Select(e => (e.Key, e.Value)));

    public string? TopLanguage => Breakdown.Top(_byLanguage.Select(e => (e.Key, e.Value)));

    /// <summary>Adds one day; a second line for a day already counted is ignored and returns false.</summary>
    public bool Add(UserDayUsage day, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (!_days.Add(date))
        {
            return false;
        }

        UserId ??= day.UserId;
        LastActiveDay = LastActiveDay is { } last && last > date ? last : date;
        Interactions += day.UserInitiatedInteractionCount ?? 0;
        CodeGenerations += day.CodeGenerationActivityCount ?? 0;
        CodeAcceptances += day.CodeAcceptanceActivityCount ?? 0;
        LocSuggestedToAdd += day.LocSuggestedToAddSum ?? 0;
        LocSuggestedToDelete += day.LocSuggestedToDeleteSum ?? 0;
        LocAdded += day.LocAddedSum ?? 0;
        LocDeleted += day.LocDeletedSum ?? 0;
        ChatDays += day.UsedChat == true ? 1 : 0;
        AgentDays += day.UsedAgent == true ? 1 : 0;
        CliDays += day.UsedCli == true ? 1 : 0;
        CodeReviewDays += day.UsedCopilotCodeReviewActive == true ? 1 : 0;
        CloudAgentDays += day.UsedCloudAgent ? 1 : 0;
        CliSessions += day.TotalsByCli?.SessionCount ?? 0;
        if (day.AiCreditsUsed is { } credits)
        {
            AiCreditsUsed = (AiCreditsUsed ?? 0) + credits;
        }
        foreach (var ide in day.TotalsByIde ?? [])
        {
            if (ide?.Ide is { } name)
            {
                _byIde[name] = _byIde.GetValueOrDefault(name) + (ide.CodeGenerationActivityCount ?? 0);
            }
        }

        foreach (var language in day.TotalsByLanguageFeature ?? [])
        {
            if (language?.Language is { } name)
            {
                _byLanguage[name] = _byLanguage.GetValueOrDefault(name) + (language.CodeGenerationActivityCount ?? 0);
            }
        }

        return true;
    }
}

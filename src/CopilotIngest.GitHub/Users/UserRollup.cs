using CopilotIngest.GitHub.Reports.Fields;
using CopilotIngest.GitHub.Reports.Records;
using CopilotIngest.GitHub.Usage;

namespace CopilotIngest.GitHub.Users;

/// <summary>One user's rolling 28-day summary, built line by line from a <c>users-28-day</c> report (one line per active day).</summary>
public sealed class UserRollup(string login)
{
    private readonly HashSet<DateOnly> _days = [];
    private readonly Dictionary<string, long> _byIde = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byLanguage = new(StringComparer.Ordinal);
    private SortedDictionary<string, long>? _thirdPartyAgentInteractions;
    private DateOnly? _phaseDay;

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

    /// <summary>Interactions per <c>agent_id</c> of <c>totals_by_3rd_party_agent</c> over the window; null when no day carried the field.</summary>
    public IReadOnlyDictionary<string, long>? ThirdPartyAgentInteractions => _thirdPartyAgentInteractions;

    /// <summary>Copilot app sessions over the window; null when no day carried <c>totals_by_copilot_app</c>.</summary>
    public long? CopilotAppSessions { get; private set; }

    /// <summary>The <c>ai_adoption_phase</c> of the newest day that carried one.</summary>
    public AdoptionPhase? AdoptionPhase { get; private set; }

    /// <summary><c>ai_credits_used</c> summed over the window; null while no line carried it (no data, not zero).</summary>
    public decimal? AiCreditsUsed { get; private set; }

    public string? TopIde => Breakdown.Top(_byIde.Select(e => (e.Key, e.Value)));

    public string? TopLanguage => Breakdown.Top(_byLanguage.Select(e => (e.Key, e.Value)));

    /// <summary>Adds one day; a second line for a day already counted is ignored and returns false.</summary>
    /// <param name="problems">Where unexpected shapes of the 2026 fields are counted; null discards them.</param>
    public bool Add(UserDayUsage day, DateOnly date, FieldProblems? problems = null)
    {
        ArgumentNullException.ThrowIfNull(day);
        problems ??= new FieldProblems();
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
        var extras = ReportExtras.Read(day, problems);
        CloudAgentDays += extras.UsedCloudAgent == true ? 1 : 0;
        AddExtras(extras, date);
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

    private void AddExtras(ReportExtras extras, DateOnly date)
    {
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

        if (extras.AdoptionPhase is { } phase && (_phaseDay is not { } newest || date > newest))
        {
            _phaseDay = date;
            AdoptionPhase = phase;
        }
    }
}

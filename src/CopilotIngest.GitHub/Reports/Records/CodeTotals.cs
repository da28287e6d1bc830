namespace CopilotIngest.GitHub.Reports.Records;

/// <summary>The code counters every report line and breakdown carries; each may be missing (null).</summary>
public abstract record CodeTotals
{
    public long? UserInitiatedInteractionCount { get; init; }

    public long? CodeGenerationActivityCount { get; init; }

    public long? CodeAcceptanceActivityCount { get; init; }

    public long? LocSuggestedToAddSum { get; init; }

    public long? LocSuggestedToDeleteSum { get; init; }

    public long? LocAddedSum { get; init; }

    public long? LocDeletedSum { get; init; }
}

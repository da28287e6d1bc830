namespace CopilotIngest.Simulation.GitHub;

/// <summary>The code counters of a report line or breakdown entry.</summary>
public sealed record SimulatedCounters
{
    public long Interactions { get; set; }

    public long CodeGenerations { get; set; }

    public long CodeAcceptances { get; set; }

    public long LocSuggestedToAdd { get; set; }

    public long LocSuggestedToDelete { get; set; }

    public long LocAdded { get; set; }

    public long LocDeleted { get; set; }

    public void Add(long interactions, long generations, long acceptances, long suggestedToAdd, long suggestedToDelete, long added, long deleted)
    {
        Interactions += interactions;
        CodeGenerations += generations;
        CodeAcceptances += acceptances;
        LocSuggestedToAdd += suggestedToAdd;
        LocSuggestedToDelete += suggestedToDelete;
        LocAdded += added;
        LocDeleted += deleted;
    }

    public void Add(SimulatedCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Add(other.Interactions, other.CodeGenerations, other.CodeAcceptances, other.LocSuggestedToAdd, other.LocSuggestedToDelete, other.LocAdded, other.LocDeleted);
    }
}

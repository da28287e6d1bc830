namespace CopilotIngest.Core.Reconciliation;

/// <summary>What reconciling one scope did: entities deleted, stale entities a guard kept, and the notes for the run summary.</summary>
public sealed record ReconcileOutcome(int Deleted, int NotDeleted, IReadOnlyList<string> Notes)
{
    public static ReconcileOutcome None { get; } = new(0, 0, []);

    public ReconcileOutcome Add(ReconcileOutcome other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Deleted + other.Deleted, NotDeleted + other.NotDeleted, [.. Notes, .. other.Notes]);
    }
}

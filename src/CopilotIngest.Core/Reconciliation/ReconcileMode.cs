namespace CopilotIngest.Core.Reconciliation;

/// <summary>What reconciliation does with entities a complete fetch no longer returned (<c>RECONCILE_MODE</c>).</summary>
public enum ReconcileMode
{
    /// <summary>Deletes them, within the data set's delete threshold (the default).</summary>
    Delete,

    /// <summary>Counts them and names them in the run summary, but deletes nothing (e.g. a demo aimed at a real Port).</summary>
    Report,
}

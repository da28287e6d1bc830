namespace CopilotIngest.Core.Reconciliation;

/// <summary><c>RECONCILE_MODE</c>: whether snapshot data sets may delete what a complete fetch no longer returned.</summary>
public sealed class ReconcileOptions
{
    public const string ModeSetting = "RECONCILE_MODE";

    /// <summary><see cref="ReconcileMode.Delete"/> by default; a caller (such as <c>demo</c> aimed at a real Port) sets <see cref="ReconcileMode.Report"/> so nothing is deleted.</summary>
    public ReconcileMode Mode { get; set; } = ReconcileMode.Delete;

    /// <summary>Problems found while reading the settings, reported by the validator.</summary>
    public IList<string> SettingErrors { get; } = [];
}

namespace CopilotIngest.Core.Reconciliation;

/// <summary>
/// The part of a blueprint one complete fetch speaks for (an organization, an enterprise, a tenant): only entities
/// of the scope are candidates for deletion, and the delete threshold is measured against what Port held for the
/// scope before the run.
/// </summary>
/// <param name="Name">How notes name the scope, e.g. <c>organization 'octo-web'</c>.</param>
/// <param name="Contains">Whether an identifier belongs to the scope.</param>
/// <param name="ThresholdSetting">The setting that holds <paramref name="Threshold"/>, named in notes, e.g. <c>GITHUB_DELETE_THRESHOLD</c>.</param>
/// <param name="Threshold">The largest share (0..1) of the scope's entities one run may delete.</param>
/// <param name="Source">Who no longer returns the deleted entities, e.g. <c>GitHub</c>.</param>
public sealed record ReconcileScope(string Name, Func<string, bool> Contains, string ThresholdSetting, double Threshold, string Source)
{
    /// <summary>A scope whose identifiers end with <paramref name="suffix"/> (e.g. <c>@octo-web</c>).</summary>
    public static ReconcileScope WithSuffix(string name, string suffix, string thresholdSetting, double threshold, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(suffix);
        return new ReconcileScope(name, id => id.EndsWith(suffix, StringComparison.Ordinal), thresholdSetting, threshold, source);
    }
}

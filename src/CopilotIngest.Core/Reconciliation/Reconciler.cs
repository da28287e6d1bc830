using System.Globalization;
using CopilotIngest.Core.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CopilotIngest.Core.Privacy;

namespace CopilotIngest.Core.Reconciliation;

/// <summary>
/// Deletes the entities of one scope of a snapshot set (seats, users) that a complete fetch no longer returned. The
/// guard compares the stale entities with what Port held for the scope <em>before</em> the run (the run's listing),
/// never with what it holds after this run's upserts, so a population that is replaced wholesale is refused, not
/// deleted. Every deletion and every refusal becomes a note for the run summary. With <c>RECONCILE_MODE=report</c>
/// nothing is deleted.
/// </summary>
public sealed partial class Reconciler(IEntityStore store, IOptions<ReconcileOptions> options, ILogger<Reconciler> logger)
{
    private const int NamedInNote = 5;

    /// <param name="held">What Port held for the blueprint before the run (listed once per run).</param>
    /// <param name="scope">The scope the fetch was complete for.</param>
    /// <param name="seen">Identifiers this run wrote for the scope.</param>
    public async Task<ReconcileOutcome> ReconcileAsync(HeldEntities held, ReconcileScope scope, IReadOnlySet<string> seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(seen);
        var blueprint = held.Blueprint;
        var existing = 0;
        var stale = new List<string>();
        foreach (var identifier in held.Identifiers)
        {
            if (!scope.Contains(identifier))
            {
                continue;
            }

            existing++;
            if (!seen.Contains(identifier))
            {
                stale.Add(identifier);
            }
        }

        if (stale.Count == 0)
        {
            return ReconcileOutcome.None;
        }

        stale.Sort(StringComparer.Ordinal);
        var share = (double)stale.Count / existing;
        if (share > scope.Threshold)
        {
            LogRefused(blueprint, scope.Name, stale.Count, existing, scope.ThresholdSetting, scope.Threshold);
            return Refused(stale.Count, Text(
                $"{scope.Name}: not deleting {stale.Count} of the {existing} {blueprint} entities Port held before this run ({share:P0}), missing from this fetch ({Sample(stale)}): more than {scope.ThresholdSetting}={scope.Threshold:0.##} allows in one run. If they really left (or {PrivacyOptions.ModeSetting} changed), raise {scope.ThresholdSetting} for one run."));
        }

        if (options.Value.Mode == ReconcileMode.Report)
        {
            LogReportOnly(blueprint, scope.Name, stale.Count);
            return Refused(stale.Count, Text(
                $"{scope.Name}: {stale.Count} {blueprint} entities are no longer returned by {scope.Source} ({Sample(stale)}); not deleted because {ReconcileOptions.ModeSetting}=report."));
        }

        var deleted = 0;
        foreach (var batch in stale.Chunk(100))
        {
            deleted += (await store.DeleteAsync(blueprint, batch, cancellationToken)).Count;
        }

        LogDeleted(blueprint, scope.Name, deleted, existing);
        return new ReconcileOutcome(deleted, 0, [Text($"{scope.Name}: deleted {deleted} of the {existing} {blueprint} entities Port held, no longer returned by {scope.Source} ({Sample(stale)}).")]);
    }

    private static ReconcileOutcome Refused(int count, string note) => new(0, count, [note]);

    private static string Sample(List<string> identifiers) =>
        identifiers.Count <= NamedInNote
            ? string.Join(", ", identifiers)
            : string.Join(", ", identifiers.Take(NamedInNote)) + string.Create(CultureInfo.InvariantCulture, $" and {identifiers.Count - NamedInNote} more");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Not deleting {Stale} of the {Existing} {Blueprint} entities of {Scope} Port held before the run: more than {Setting}={Threshold} allows")]
    private partial void LogRefused(string blueprint, string scope, int stale, int existing, string setting, double threshold);

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "{Count} {Blueprint} entities of {Scope} are no longer returned; not deleted because " + ReconcileOptions.ModeSetting + "=report")]
    private partial void LogReportOnly(string blueprint, string scope, int count);

    [LoggerMessage(EventId = 62, Level = LogLevel.Information, Message = "Deleted {Count} of the {Existing} {Blueprint} entities of {Scope} no longer returned")]
    private partial void LogDeleted(string blueprint, string scope, int count, int existing);
}

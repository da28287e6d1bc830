using CopilotIngest.Core.Sinks;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Mapping;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.DataSets;

/// <summary>
/// Deletes <c>m365_copilot_user</c> entities of one tenant (identifiers ending with its
/// <see cref="UserIdentity.ScopeSuffix"/>) that a complete fetch no longer returned (the licence was removed).
/// Named users are deleted only when the report named every user and the deletions stay within
/// <c>M365_DELETE_THRESHOLD</c> of the users Port holds; concealed entries belong to one report date and are replaced
/// by the next complete report.
/// </summary>
internal sealed partial class UserReconciler(IEntityStore store, IOptions<M365Options> options, ILogger<UserReconciler> logger)
{
    private const int DeleteBatchSize = 100;

    /// <param name="seen">Identifiers the run wrote.</param>
    /// <param name="namedComplete">True when the report named every user, so missing named users really left.</param>
    /// <param name="scopeSuffix">The tenant's identifier suffix: users of other tenants (and of no tenant) are left alone.</param>
    public async Task<ReconcileOutcome> ReconcileAsync(IReadOnlySet<string> seen, bool namedComplete, string scopeSuffix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scopeSuffix);
        var staleNamed = new List<string>();
        var staleConcealed = new List<string>();
        var existingNamed = 0;
        await foreach (var identifier in store.ListIdentifiersAsync(M365Blueprints.User, null, cancellationToken))
        {
            if (!identifier.EndsWith(scopeSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var concealed = UserIdentity.IsConcealedIdentifier(identifier);
            if (!concealed)
            {
                existingNamed++;
            }

            if (!seen.Contains(identifier))
            {
                (concealed ? staleConcealed : staleNamed).Add(identifier);
            }
        }

        var notes = new List<string>();
        var deleted = await DeleteAsync(staleConcealed, cancellationToken);
        if (staleNamed.Count == 0)
        {
            return new ReconcileOutcome(deleted, notes);
        }

        if (!namedComplete)
        {
            notes.Add($"{staleNamed.Count} user(s) in Port were not in this report, but the report did not name every user (concealed or skipped rows), so none was deleted.");
            return new ReconcileOutcome(deleted, notes);
        }

        var threshold = options.Value.DeleteThreshold;
        var share = (double)staleNamed.Count / existingNamed;
        if (share > threshold)
        {
            var message = $"Not deleting {staleNamed.Count} of {existingNamed} user(s) ({share:P0}) missing from the report: more than {M365Settings.DeleteThreshold}={threshold:0.##} allows in one run. If those licences really were removed (or {M365Settings.PrivacyModeSetting} changed), raise {M365Settings.DeleteThreshold} for one run.";
            LogThresholdTripped(staleNamed.Count, existingNamed, threshold);
            notes.Add(message);
            return new ReconcileOutcome(deleted, notes);
        }

        deleted += await DeleteAsync(staleNamed, cancellationToken);
        LogDeleted(staleNamed.Count);
        return new ReconcileOutcome(deleted, notes);
    }

    private async Task<int> DeleteAsync(List<string> identifiers, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var batch in identifiers.Chunk(DeleteBatchSize))
        {
            deleted += (await store.DeleteAsync(M365Blueprints.User, batch, cancellationToken)).Count;
        }

        return deleted;
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Reconciliation skipped: {Stale} of {Existing} M365 Copilot users are missing from the report, more than M365_DELETE_THRESHOLD={Threshold} allows")]
    private partial void LogThresholdTripped(int stale, int existing, double threshold);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Deleted {Count} M365 Copilot user(s) no longer in the report (licence removed)")]
    private partial void LogDeleted(int count);
}

/// <summary>How many user entities reconciliation deleted, and what it wants the run summary to say.</summary>
internal sealed record ReconcileOutcome(int Deleted, IReadOnlyList<string> Notes);

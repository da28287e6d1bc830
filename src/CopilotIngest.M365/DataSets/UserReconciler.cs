using CopilotIngest.Core.Reconciliation;
using CopilotIngest.Core.Sinks;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Mapping;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.DataSets;

/// <summary>
/// Reconciles the <c>m365_copilot_user</c> entities of one tenant (identifiers ending with its
/// <see cref="UserIdentity.ScopeSuffix"/>; other tenants' users are never touched) with the shared
/// <see cref="Reconciler"/>: users a complete report no longer lists
/// (the licence was removed) are deleted, measured against what Port held before the run. Named users are deleted only
/// when the report named every user and the deletions stay within <c>M365_DELETE_THRESHOLD</c>; concealed entries
/// belong to one report date and are replaced by the next complete report.
/// </summary>
internal sealed class UserReconciler(Reconciler reconciler, IOptions<M365Options> options)
{
    /// <summary>Named users of the tenant: every user identifier with its suffix that is not a concealed entry.</summary>
    public static ReconcileScope Named(double threshold, string scopeSuffix) =>
        new("Microsoft 365 users", id => id.EndsWith(scopeSuffix, StringComparison.Ordinal) && !UserIdentity.IsConcealedIdentifier(id), M365Settings.DeleteThreshold, threshold, "the Copilot usage report");

    /// <summary>Concealed entries of the tenant: always replaced by the next complete report, so no threshold applies.</summary>
    public static ReconcileScope Concealed(string scopeSuffix) =>
        new("Microsoft 365 concealed users", id => id.EndsWith(scopeSuffix, StringComparison.Ordinal) && UserIdentity.IsConcealedIdentifier(id), M365Settings.DeleteThreshold, 1, "the Copilot usage report");

    /// <param name="held">What Port held for <c>m365_copilot_user</c> before the run.</param>
    /// <param name="seen">Identifiers the run wrote.</param>
    /// <param name="namedComplete">True when the report named every user, so missing named users really left.</param>
    /// <param name="scopeSuffix">The tenant's identifier suffix (<see cref="UserIdentity.ScopeSuffix"/>).</param>
    public async Task<ReconcileOutcome> ReconcileAsync(HeldEntities held, IReadOnlySet<string> seen, bool namedComplete, string scopeSuffix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentException.ThrowIfNullOrEmpty(scopeSuffix);
        var outcome = await reconciler.ReconcileAsync(held, Concealed(scopeSuffix), seen, cancellationToken);
        if (namedComplete)
        {
            return outcome.Add(await reconciler.ReconcileAsync(held, Named(options.Value.DeleteThreshold, scopeSuffix), seen, cancellationToken));
        }

        var named = Named(options.Value.DeleteThreshold, scopeSuffix);
        var staleNamed = held.Identifiers.Count(id => named.Contains(id) && !seen.Contains(id));
        return staleNamed == 0
            ? outcome
            : outcome.Add(new ReconcileOutcome(0, staleNamed, [$"{staleNamed} user(s) in Port were not in this report, but the report did not name every user (concealed or skipped rows), so none was deleted."]));
    }
}

using System.Globalization;
using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.GitHub.Snapshots;

/// <summary>
/// Deletes the entities of one scope of a snapshot set (per-user rollups, seats) that a complete fetch no longer
/// returned, unless the deletions would exceed <c>GITHUB_DELETE_THRESHOLD</c> of what Port holds for the scope.
/// Identifiers end with <c>@&lt;scope&gt;</c>, so each scope is reconciled on its own.
/// </summary>
public sealed partial class SnapshotReconciler(IEntityStore store, IOptions<GitHubOptions> options, ILogger<SnapshotReconciler> logger)
{
    private const int DeleteBatchSize = 100;

    /// <returns>How many entities were deleted, and a note when deletion was held back or happened.</returns>
    public async Task<(int Deleted, string? Note)> ReconcileAsync(string blueprint, string scopeKey, string scopeName, IReadOnlySet<string> seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var suffix = "@" + scopeKey;
        var existing = 0;
        var stale = new List<string>();
        await foreach (var identifier in store.ListIdentifiersAsync(blueprint, null, cancellationToken))
        {
            if (!identifier.EndsWith(suffix, StringComparison.Ordinal))
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
            return (0, null);
        }

        var threshold = options.Value.DeleteThreshold;
        var share = (double)stale.Count / existing;
        if (share > threshold)
        {
            LogHeldBack(blueprint, scopeName, stale.Count, existing, threshold);
            return (0, string.Create(CultureInfo.InvariantCulture, $"{scopeName}: not deleting {stale.Count} of {existing} {blueprint} entities ({share:P0}) missing from this fetch: more than {GitHubSettingNames.DeleteThreshold}={threshold:0.##} allows in one run. If they really left (or PRIVACY_MODE changed), raise {GitHubSettingNames.DeleteThreshold} for one run."));
        }

        var deleted = 0;
        foreach (var batch in stale.Chunk(DeleteBatchSize))
        {
            deleted += (await store.DeleteAsync(blueprint, batch, cancellationToken)).Count;
        }

        LogDeleted(blueprint, scopeName, deleted);
        return (deleted, $"{scopeName}: deleted {deleted} {blueprint} entities no longer returned by GitHub");
    }

    [LoggerMessage(EventId = 160, Level = LogLevel.Warning, Message = "Not deleting {Stale} of {Existing} {Blueprint} entities of {Scope}: more than GITHUB_DELETE_THRESHOLD={Threshold} allows")]
    private partial void LogHeldBack(string blueprint, string scope, int stale, int existing, double threshold);

    [LoggerMessage(EventId = 161, Level = LogLevel.Information, Message = "Deleted {Count} {Blueprint} entities of {Scope} no longer returned by GitHub")]
    private partial void LogDeleted(string blueprint, string scope, int count);
}

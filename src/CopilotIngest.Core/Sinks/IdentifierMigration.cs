using System.Globalization;
using CopilotIngest.Core.Http;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Core.Sinks;

/// <summary>
/// Removes entities that an earlier version stored under another identifier format (GitHub names in another case,
/// M365 identifiers by tenant name or bare UPN). The run has already written the current identifiers; an old entity is
/// deleted only when its current identifier is one this run wrote or one Port holds, so nothing is lost that was not
/// written again. An old entity without that twin (e.g. a day outside this run's window) is kept and logged.
/// </summary>
public sealed partial class IdentifierMigration(IEntityStore store, ILogger<IdentifierMigration> logger)
{
    private const int DeleteBatchSize = 100;

    /// <param name="blueprint">The blueprint whose entities are checked.</param>
    /// <param name="currentIdentifier">The current identifier for an identifier of an earlier format; the identifier itself or null when it is not one.</param>
    /// <param name="written">Identifiers this run wrote, or null to rely on what Port holds.</param>
    /// <returns>How many old entities were deleted and kept, and a note for the run summary when any was deleted or the check failed.</returns>
    public async Task<MigrationOutcome> RunAsync(string blueprint, Func<string, string?> currentIdentifier, IReadOnlySet<string>? written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentIdentifier);
        HashSet<string> held;
        try
        {
            held = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var identifier in store.ListIdentifiersAsync(blueprint, null, cancellationToken))
            {
                held.Add(identifier);
            }
        }
        catch (ApiException ex)
        {
            LogFailed(blueprint, ex);
            return Failed(blueprint, ex);
        }

        return await MigrateAsync(blueprint, held, currentIdentifier, written, cancellationToken);
    }

    /// <summary>
    /// The same check from the listing the run took before it wrote (<paramref name="heldBeforeRun"/>), without listing
    /// the blueprint again: an old entity is one the listing holds, and its current identifier exists when the listing
    /// holds it or <paramref name="written"/> (what this run wrote or found unchanged) contains it.
    /// </summary>
    public Task<MigrationOutcome> RunAsync(HeldEntities heldBeforeRun, Func<string, string?> currentIdentifier, IReadOnlySet<string> written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heldBeforeRun);
        ArgumentNullException.ThrowIfNull(currentIdentifier);
        ArgumentNullException.ThrowIfNull(written);
        return MigrateAsync(heldBeforeRun.Blueprint, heldBeforeRun.Identifiers.ToHashSet(StringComparer.Ordinal), currentIdentifier, written, cancellationToken);
    }

    private async Task<MigrationOutcome> MigrateAsync(
        string blueprint, HashSet<string> held, Func<string, string?> currentIdentifier, IReadOnlySet<string>? written, CancellationToken cancellationToken)
    {
        try
        {
            var replaced = new List<string>();
            var kept = 0;
            foreach (var identifier in held)
            {
                if (currentIdentifier(identifier) is not { } current || current == identifier)
                {
                    continue;
                }

                if (held.Contains(current) || written?.Contains(current) == true)
                {
                    replaced.Add(identifier);
                }
                else
                {
                    kept++;
                }
            }

            if (kept > 0)
            {
                LogKept(blueprint, kept);
            }

            if (replaced.Count == 0)
            {
                return new MigrationOutcome(0, kept, [], null);
            }

            var deleted = 0;
            foreach (var batch in replaced.Chunk(DeleteBatchSize))
            {
                deleted += (await store.DeleteAsync(blueprint, batch, cancellationToken)).Count;
            }

            LogReplaced(blueprint, deleted);
            return new MigrationOutcome(deleted, kept, replaced, string.Create(
                CultureInfo.InvariantCulture,
                $"{blueprint}: deleted {deleted} entities stored under an earlier identifier format; each was written under its current identifier."));
        }
        catch (ApiException ex)
        {
            LogFailed(blueprint, ex);
            return Failed(blueprint, ex);
        }
    }

    private static MigrationOutcome Failed(string blueprint, ApiException ex) =>
        new(0, 0, [], $"{blueprint}: could not remove entities stored under an earlier identifier format (the next run tries again): {ex.Message}");

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Deleted {Count} {Blueprint} entities stored under an earlier identifier format; each was written under its current identifier")]
    private partial void LogReplaced(string blueprint, int count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Kept {Count} {Blueprint} entities stored under an earlier identifier format: this run did not write their current identifier (e.g. days outside its window)")]
    private partial void LogKept(string blueprint, int count);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Could not remove {Blueprint} entities stored under an earlier identifier format; the next run tries again")]
    private partial void LogFailed(string blueprint, Exception exception);
}

/// <summary>What <see cref="IdentifierMigration"/> did for one blueprint.</summary>
/// <param name="Deleted">Old entities deleted (their current identifier exists).</param>
/// <param name="Kept">Old entities kept because nothing under their current identifier exists.</param>
/// <param name="Replaced">The old identifiers deleted (or asked to be).</param>
/// <param name="Note">What the run summary should say, or null when nothing happened.</param>
public sealed record MigrationOutcome(int Deleted, int Kept, IReadOnlyList<string> Replaced, string? Note);

using CopilotIngest.Core.Sinks;
using CopilotIngest.M365.Tenant;

namespace CopilotIngest.M365.DataSets;

/// <summary>
/// Summary and trend entities that earlier versions keyed by the tenant's initial-domain name (when
/// <c>M365_TENANT_NAME</c> was not set) move to the tenant key: the run writes them under the key, then the old ones
/// whose twin exists are deleted. Needs the name read from Graph this run; otherwise the next run does it.
/// </summary>
internal static class FormerTenantKey
{
    /// <summary>Deletes the entities an earlier version wrote under the tenant's former name whose identifier under the tenant key exists; returns how many.</summary>
    public static async Task<int> MoveAsync(IdentifierMigration migration, string blueprint, TenantContext tenant, List<string> notes, CancellationToken cancellationToken)
    {
        if (tenant.FormerKey is null)
        {
            return 0;
        }

        var outcome = await migration.RunAsync(blueprint, tenant.CurrentIdentifier, null, cancellationToken);
        if (outcome.Note is { } note)
        {
            notes.Add(note);
        }

        return outcome.Deleted;
    }
}

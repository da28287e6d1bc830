namespace CopilotIngest.Core.Catalog;

/// <summary>
/// Tells a data set whether one of its blueprints relates to Port's catalogue right now: <c>setup</c> adds such a
/// relation only when the target blueprint exists (Port's GitHub integration creates <c>githubUser</c>,
/// <c>githubTeam</c>, <c>githubRepository</c>), so a writer sends the relation only when Port holds it.
/// </summary>
public interface ICatalogRelations
{
    /// <summary>The relation <paramref name="relation"/> of <paramref name="blueprint"/> as Port holds it, or null when Port has no such relation.</summary>
    Task<CatalogRelation?> FindAsync(string blueprint, string relation, CancellationToken cancellationToken);
}

/// <summary>No catalogue (no Port to ask): no relation is ever sent.</summary>
public sealed class NoCatalogRelations : ICatalogRelations
{
    public Task<CatalogRelation?> FindAsync(string blueprint, string relation, CancellationToken cancellationToken) => Task.FromResult<CatalogRelation?>(null);
}

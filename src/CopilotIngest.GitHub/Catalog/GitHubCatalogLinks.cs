using System.Text.Json.Nodes;
using CopilotIngest.Core.Catalog;
using CopilotIngest.Core.Entities;

namespace CopilotIngest.GitHub.Catalog;

/// <summary>
/// The relations of our GitHub blueprints to the blueprints of Port's GitHub integration, filled with Port's search
/// relation form, so a user, team or repository the integration does not hold leaves the relation empty instead of
/// failing the write. Users are matched by login (the target's <c>login</c> property when it declares one, else its
/// identifier), teams by slug (<c>slug</c>, else the identifier).
/// </summary>
public static class GitHubCatalogLinks
{
    public const string UserRelation = "github_user";
    public const string UserBlueprint = "githubUser";
    public const string UserMatchProperty = "login";
    public const string TeamRelation = "github_team";
    public const string TeamBlueprint = "githubTeam";
    public const string TeamMatchProperty = "slug";

    /// <summary>The entity with <paramref name="relation"/> set to the target entities that match <paramref name="value"/>; unchanged without a relation.</summary>
    public static PortEntity Relate(PortEntity entity, CatalogRelation? relation, string? value, string matchProperty)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (relation is null || string.IsNullOrEmpty(value))
        {
            return entity;
        }

        var relations = entity.Relations is null ? new JsonObject() : (JsonObject)entity.Relations.DeepClone();
        relations[relation.Relation] = relation.SearchFor(value, matchProperty);
        return entity with { Relations = relations };
    }
}

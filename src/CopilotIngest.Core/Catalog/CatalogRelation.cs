using System.Text.Json.Nodes;

namespace CopilotIngest.Core.Catalog;

/// <summary>
/// A relation of one of our blueprints to a blueprint of Port's catalogue (e.g. <c>github_user</c> → <c>githubUser</c>),
/// as Port holds it now: its target and the properties the target declares.
/// </summary>
/// <param name="Relation">The relation identifier on our blueprint.</param>
/// <param name="Target">The target blueprint.</param>
/// <param name="Many">Whether the relation holds several entities.</param>
/// <param name="TargetProperties">The property identifiers the target blueprint declares.</param>
public sealed record CatalogRelation(string Relation, string Target, bool Many, IReadOnlySet<string> TargetProperties)
{
    /// <summary>The meta-property every entity has: its identifier.</summary>
    public const string IdentifierProperty = "$identifier";

    /// <summary>
    /// Port's search relation form: the target entities whose <paramref name="preferredProperty"/> equals
    /// <paramref name="value"/> when the target blueprint declares that property, else whose identifier does. Port
    /// resolves it when the entity is written; no match leaves the relation empty and the write succeeds.
    /// </summary>
    public JsonObject SearchFor(string value, string? preferredProperty = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var property = preferredProperty is not null && TargetProperties.Contains(preferredProperty) ? preferredProperty : IdentifierProperty;
        return new JsonObject
        {
            ["combinator"] = "and",
            ["rules"] = new JsonArray(new JsonObject
            {
                ["property"] = property,
                ["operator"] = "=",
                ["value"] = value,
            }),
        };
    }
}

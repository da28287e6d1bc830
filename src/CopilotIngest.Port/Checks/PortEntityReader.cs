using System.Text.Json.Nodes;
using CopilotIngest.Core.Diagnostics;

namespace CopilotIngest.Port.Checks;

/// <summary>Reads one entity by identifier through Port's search (<c>$identifier = …</c>).</summary>
public sealed class PortEntityReader(PortClient client) : IEntityReader
{
    public async Task<JsonObject?> GetPropertiesAsync(string blueprint, string identifier, CancellationToken cancellationToken)
    {
        var query = new JsonObject
        {
            ["combinator"] = "and",
            ["rules"] = new JsonArray(new JsonObject { ["property"] = "$identifier", ["operator"] = "=", ["value"] = identifier }),
        };
        var page = await client.SearchEntitiesAsync(blueprint, new EntitySearchRequest(query, Limit: 1), cancellationToken);
        return page.Entities.Count == 0 ? null : page.Entities[0]["properties"] as JsonObject ?? [];
    }
}

using System.Text.Json.Nodes;

namespace CopilotIngest.Core.Diagnostics;

/// <summary>Reads entities back from Port (for <c>verify</c>).</summary>
public interface IEntityReader
{
    /// <summary>The entity's properties, or null when Port has no entity with that identifier.</summary>
    Task<JsonObject?> GetPropertiesAsync(string blueprint, string identifier, CancellationToken cancellationToken);
}

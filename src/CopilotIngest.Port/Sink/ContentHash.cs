using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Sinks;

namespace CopilotIngest.Port.Sink;

/// <summary>
/// The hash kept in <see cref="HeldEntities.ContentHashProperty"/>: the first 128 bits of SHA-256 over the JSON the sink
/// would send without it (title, properties, relations), so an entity whose hash Port already holds is unchanged.
/// </summary>
internal static class ContentHash
{
    public static string Of(byte[] serializedEntity) => Convert.ToHexStringLower(SHA256.HashData(serializedEntity).AsSpan(0, 16));

    /// <summary>The entity as sent: its JSON with the hash added to the properties.</summary>
    public static byte[] Serialize(PortEntity entity, string hash)
    {
        var properties = new JsonObject();
        foreach (var (key, value) in entity.Properties)
        {
            if (!string.Equals(key, HeldEntities.ContentHashProperty, StringComparison.Ordinal))
            {
                properties[key] = value?.DeepClone();
            }
        }

        properties[HeldEntities.ContentHashProperty] = hash;
        return PortClient.SerializeEntity(entity with { Properties = properties });
    }
}

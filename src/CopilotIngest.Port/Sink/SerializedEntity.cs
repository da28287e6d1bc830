using CopilotIngest.Core.Entities;

namespace CopilotIngest.Port.Sink;

/// <summary>An entity with the exact JSON sent for it (so batches are sized by the bytes that go on the wire) and its content hash, when kept.</summary>
internal sealed record SerializedEntity(PortEntity Entity, byte[] Json, string? Hash = null)
{
    public string Identifier => Entity.Identifier;
}

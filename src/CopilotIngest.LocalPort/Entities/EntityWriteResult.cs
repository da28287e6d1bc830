using System.Text.Json.Nodes;
using CopilotIngest.LocalPort.Http;

namespace CopilotIngest.LocalPort.Entities;

/// <summary>What happened to one entity: written (created or updated), unchanged (equal values), or rejected with a Port error.</summary>
internal sealed record EntityWriteResult(string Identifier, bool Created, JsonObject? Entity, PortError? Error)
{
    public static EntityWriteResult Fail(string identifier, PortError error) => new(identifier, false, null, error);
}

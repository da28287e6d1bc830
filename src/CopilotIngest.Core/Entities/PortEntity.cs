using System.Text.Json.Nodes;

namespace CopilotIngest.Core.Entities;

/// <summary>One Port entity of one blueprint, as the mappers produce it and the sinks send it.</summary>
/// <param name="Blueprint">The blueprint identifier, e.g. <c>github_copilot_seats</c>.</param>
/// <param name="Identifier">A deterministic identifier that matches <see cref="PortIdentifier"/>.</param>
/// <param name="Title">The display title.</param>
/// <param name="Properties">Property values by property identifier; absent means "not known".</param>
/// <param name="Relations">Relation values by relation identifier, or null for none.</param>
public sealed record PortEntity(
    string Blueprint,
    string Identifier,
    string Title,
    JsonObject Properties,
    JsonObject? Relations = null);

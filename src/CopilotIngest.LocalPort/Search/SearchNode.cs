using System.Text.Json.Nodes;

namespace CopilotIngest.LocalPort.Search;

/// <summary>A parsed search query: groups of rules joined by <c>and</c>/<c>or</c>.</summary>
internal abstract record SearchNode;

internal sealed record SearchGroup(bool IsAnd, IReadOnlyList<SearchNode> Rules) : SearchNode;

/// <summary>A property rule, e.g. <c>{property:"$identifier", operator:"beginsWith", value:"acme@"}</c>.</summary>
internal sealed record PropertyRule(string Property, string Operator, JsonNode? Value) : SearchNode;

/// <summary>A <c>relatedTo</c> rule: entities directly related to one of <see cref="Identifiers"/> of <see cref="Blueprint"/>.</summary>
internal sealed record RelatedToRule(string Blueprint, IReadOnlyList<string> Identifiers, string? Direction) : SearchNode;

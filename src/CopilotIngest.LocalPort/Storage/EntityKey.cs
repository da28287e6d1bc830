namespace CopilotIngest.LocalPort.Storage;

/// <summary>An entity's address: identifiers are unique within a blueprint.</summary>
internal readonly record struct EntityKey(string Blueprint, string Identifier);

/// <summary>An entity whose relation <see cref="Relation"/> points at another entity.</summary>
internal readonly record struct Dependent(string Blueprint, string Identifier, string Relation);

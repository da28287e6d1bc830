namespace CopilotIngest.Core.Sinks;

/// <summary>An entity that could not be written, with the reason the target gave.</summary>
public sealed record EntityFailure(string Identifier, string Message);

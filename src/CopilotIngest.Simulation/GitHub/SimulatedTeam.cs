namespace CopilotIngest.Simulation.GitHub;

/// <summary>A team (of an organization) or an enterprise team that grants Copilot seats.</summary>
public sealed record SimulatedTeam(long Id, string Slug, string Name, bool IsEnterpriseTeam);

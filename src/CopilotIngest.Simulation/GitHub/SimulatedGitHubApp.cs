namespace CopilotIngest.Simulation.GitHub;

/// <summary>A GitHub App registered in the simulated GitHub: its id and the public half of its key (PEM).</summary>
public sealed record SimulatedGitHubApp(long AppId, string PublicKeyPem);

namespace CopilotIngest.Simulation.GitHub;

/// <summary>A request the simulated GitHub answered (without its headers, so no token is kept), and what it authenticated with.</summary>
public sealed record SimulatedGitHubRequest(string Method, string PathAndQuery, int StatusCode, bool Authorized, string? ApiVersion, string? Accept, SimulatedCredential Credential = SimulatedCredential.None);

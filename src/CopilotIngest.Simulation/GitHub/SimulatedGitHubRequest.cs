namespace CopilotIngest.Simulation.GitHub;

/// <summary>A request the simulated GitHub answered (without its headers, so no token is kept).</summary>
public sealed record SimulatedGitHubRequest(string Method, string PathAndQuery, int StatusCode, bool Authorized, string? ApiVersion, string? Accept);

namespace CopilotIngest.Simulation.GitHub;

/// <summary>A request the simulated download host answered: the path without the signed query, and whether it carried an <c>Authorization</c> header.</summary>
public sealed record SimulatedDownloadRequest(string Path, int StatusCode, bool HadAuthorization);

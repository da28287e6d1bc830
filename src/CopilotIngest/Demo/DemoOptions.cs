namespace CopilotIngest.Demo;

/// <summary>What the demo simulates and where it keeps its data.</summary>
/// <param name="Doctor">After the ingestion, run <c>doctor</c> against the simulated services and the local Port.</param>
/// <param name="Verify">After the ingestion, run <c>verify</c> against them.</param>
internal sealed record DemoOptions(string DataDirectory, int Seats, int M365Users, int Seed, bool Serve, bool Doctor = false, bool Verify = false);

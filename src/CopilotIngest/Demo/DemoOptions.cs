namespace CopilotIngest.Demo;

/// <summary>What the demo simulates and where it keeps its data.</summary>
internal sealed record DemoOptions(string DataDirectory, int Seats, int M365Users, int Seed, bool Serve);

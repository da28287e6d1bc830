namespace CopilotIngest.Demo;

/// <summary>What the demo simulates and where it keeps its data.</summary>
internal sealed record DemoOptions(string DataDirectory, int Seats, int M365Users, int Seed, bool Serve)
{
    /// <summary><c>--yes</c>: the user confirmed writing into the real Port named by <c>PORT_BASE_URL</c>.</summary>
    public bool Confirmed { get; init; }
}

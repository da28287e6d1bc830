namespace CopilotIngest.Demo;

/// <summary>What the demo simulates and where it keeps its data.</summary>
/// <param name="Doctor">After the ingestion, run <c>doctor</c> against the simulated services and the local Port.</param>
/// <param name="Verify">After the ingestion, run <c>verify</c> against them.</param>
internal sealed record DemoOptions(string DataDirectory, int Seats, int M365Users, int Seed, bool Serve, bool Doctor = false, bool Verify = false)
{
    /// <summary><c>--yes</c>: the user confirmed writing into the real Port named by <c>PORT_BASE_URL</c>.</summary>
    public bool Confirmed { get; init; }
}


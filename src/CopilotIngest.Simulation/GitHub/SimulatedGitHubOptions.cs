namespace CopilotIngest.Simulation.GitHub;

/// <summary>Shape of the simulated GitHub: its enterprise, organizations, number of seated users and seed.</summary>
public sealed class SimulatedGitHubOptions
{
    public string Enterprise { get; set; } = "octo-ent";

    public IReadOnlyList<string> Organizations { get; set; } = ["octo-web", "octo-data"];

    /// <summary>Seated users (distinct people) across the enterprise.</summary>
    public int Seats { get; set; } = 500;

    public int Seed { get; set; } = 42;

    /// <summary>The clock: "today" of the population and the rate-limit window.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The one token accepted; any other gets 401. Null picks a token derived from the seed.</summary>
    public string? Token { get; set; }

    /// <summary>Requests per hour before the primary rate limit answers 403.</summary>
    public int RateLimitPerHour { get; set; } = 5000;

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }
}

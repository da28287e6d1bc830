namespace CopilotIngest.Simulation.GitHub;

/// <summary>Shape of the simulated GitHub: its enterprise, organizations, number of seated users and seed.</summary>
public sealed class SimulatedGitHubOptions
{
    public string Enterprise { get; set; } = "octo-ent";

    public IReadOnlyList<string> Organizations { get; set; } = ["octo-web", "octo-data"];

    /// <summary>Seated users (distinct people) across the enterprise.</summary>
    public int Seats { get; set; } = 500;

    public int Seed { get; set; } = 42;

    /// <summary>Seats each organization counts in <c>total_seats</c> but leaves out of its seat listing (a listing cut short).</summary>
    public int SeatsMissingFromListing { get; set; }

    /// <summary>The clock: "today" of the population and the rate-limit window.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The one token accepted; any other gets 401. Null picks a token derived from the seed.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// The token's classic scopes, sent in <c>X-OAuth-Scopes</c>; an endpoint needing a scope the token lacks answers 403 as
    /// GitHub does. Null simulates a fine-grained token: no <c>X-OAuth-Scopes</c> header and no scope check.
    /// </summary>
    public IReadOnlyList<string>? TokenScopes { get; set; } = SimulatedTokenScopes.Full;

    /// <summary>The 'Copilot usage metrics' policy; when false every usage-metrics report endpoint answers 403.</summary>
    public bool UsageMetricsPolicyEnabled { get; set; } = true;

    /// <summary>Requests per hour before the primary rate limit answers 403.</summary>
    public int RateLimitPerHour { get; set; } = 5000;

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The download host's loopback port; 0 picks a free one.</summary>
    public int DownloadPort { get; set; }

    /// <summary>Days between a day's end and its usage report (GitHub: about two).</summary>
    public int ReportLagDays { get; set; } = 2;

    /// <summary>Lines per user-report file; longer reports are split into several files.</summary>
    public int UsersPerReportFile { get; set; } = 250;

    /// <summary>How long a signed download link works after GitHub issues it.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The GitHub App the simulation accepts JWTs from and issues installation tokens for; null for none.</summary>
    public SimulatedGitHubApp? App { get; set; }

    /// <summary>How long an installation token works after it is minted (GitHub: one hour).</summary>
    public TimeSpan InstallationTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether the App is installed on the enterprise account too (for the enterprise's usage reports).</summary>
    public bool AppInstalledOnEnterprise { get; set; } = true;

    /// <summary>
    /// Whether an installation token may list the enterprise's seats. GitHub documents the enterprise seat listing for
    /// classic PATs only, so the default refuses it (403 "Resource not accessible by integration").
    /// </summary>
    public bool AppCanListEnterpriseSeats { get; set; }

    /// <summary>Whether the premium request usage report answers; false answers 404, as for an account not on GitHub's enhanced billing platform.</summary>
    public bool BillingUsageAvailable { get; set; } = true;
}

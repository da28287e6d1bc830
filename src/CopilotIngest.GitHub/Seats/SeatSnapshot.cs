using CopilotIngest.Core.Pricing;
using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Seats;

/// <summary>Everything known about one scope's seats on one day: what GitHub reports and what was counted.</summary>
/// <param name="Scope">The organization or enterprise.</param>
/// <param name="Day">The snapshot day (UTC).</param>
/// <param name="TotalSeats">GitHub's <c>total_seats</c> of the seat listing.</param>
/// <param name="Billing">The organization's billing breakdown and settings; null for an enterprise.</param>
/// <param name="Counts">The counts computed from the listed seats.</param>
/// <param name="Cost">What the seats cost per month at the configured prices; null when not computed.</param>
public sealed record SeatSnapshot(SeatScope Scope, DateOnly Day, int? TotalSeats, OrganizationBilling? Billing, SeatCounts Counts, LicenceCost? Cost = null);

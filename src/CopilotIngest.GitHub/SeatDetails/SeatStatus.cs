using CopilotIngest.GitHub.Snapshots;

namespace CopilotIngest.GitHub.SeatDetails;

/// <summary>Where a seat stands for reclaiming: cancelled already, never used, unused for the inactivity threshold, or in use.</summary>
public static class SeatStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string NeverUsed = "never_used";
    public const string PendingCancellation = "pending_cancellation";

    public static IReadOnlyList<string> All { get; } = [Active, Inactive, NeverUsed, PendingCancellation];

    /// <summary>
    /// <c>pending_cancellation</c> when every seat record of the user ends at the next billing cycle; otherwise
    /// <c>never_used</c> without any recorded activity, <c>inactive</c> when the last activity is older than
    /// <paramref name="inactiveDays"/> days before <paramref name="now"/>, else <c>active</c> (as the seats counts).
    /// </summary>
    public static string Of(SeatHolder holder, DateTimeOffset now, int inactiveDays)
    {
        ArgumentNullException.ThrowIfNull(holder);
        if (holder.PendingCancellationDate is not null)
        {
            return PendingCancellation;
        }

        if (holder.LastActivityAt is not { } last)
        {
            return NeverUsed;
        }

        return last >= now - TimeSpan.FromDays(inactiveDays) ? Active : Inactive;
    }
}

namespace CopilotIngest.GitHub.Snapshots;

/// <summary>
/// One seated user of a scope with all their seat records merged: an enterprise lists a user once per organization or
/// team granting the seat. The latest activity and authentication win, the earliest grant is kept, and the seat counts
/// as pending cancellation only when every one of its records is.
/// </summary>
public sealed class SeatHolder(string login)
{
    public string Login { get; } = login;

    public long? Id { get; internal set; }

    public DateTimeOffset? LastActivityAt { get; internal set; }

    public string? LastActivityEditor { get; internal set; }

    public DateTimeOffset? LastAuthenticatedAt { get; internal set; }

    public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>The latest cancellation date when every seat record of the user is pending cancellation; otherwise null.</summary>
    public DateOnly? PendingCancellationDate => AllPending ? LatestPending : null;

    public SortedSet<string> AssigningTeams { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Organizations { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? PlanType { get; internal set; }

    public int SeatRecords { get; internal set; }

    internal bool AllPending { get; set; } = true;

    internal DateOnly? LatestPending { get; set; }
}

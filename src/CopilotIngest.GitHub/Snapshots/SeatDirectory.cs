using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Snapshots;

/// <summary>The seated users of one scope, keyed by login case-insensitively, built from a streamed seat listing (a small state per user, never the seats).</summary>
public sealed class SeatDirectory
{
    private readonly Dictionary<string, SeatHolder> _holders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Seat records without an assignee login (left out).</summary>
    public int WithoutLogin { get; private set; }

    public IReadOnlyCollection<SeatHolder> Holders => _holders.Values;

    /// <summary>GitHub's own <c>total_seats</c> for the scope (from the first page that gives it), or null.</summary>
    public int? TotalSeats { get; private set; }

    /// <summary>
    /// True when the listing holds fewer seated users than GitHub's <c>total_seats</c> says the scope has: the listing was
    /// cut short, so nothing of the scope may be deleted on the strength of it.
    /// </summary>
    public bool ShorterThanTotal => TotalSeats is { } total && _holders.Count + WithoutLogin < total;

    public SeatHolder? Find(string login) => _holders.GetValueOrDefault(login);

    public static async Task<SeatDirectory> ReadAsync(IAsyncEnumerable<SeatPage> pages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var directory = new SeatDirectory();
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            directory.TotalSeats ??= page.TotalSeats;
            foreach (var seat in page.Seats)
            {
                directory.Add(seat);
            }
        }

        return directory;
    }

    /// <summary>The note for the run summary when the listing is shorter than <see cref="TotalSeats"/>, else null.</summary>
    public string? ShortListingNote(SeatScope scope, string blueprint) =>
        ShorterThanTotal
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{scope}: GitHub listed {_holders.Count + WithoutLogin} seats but reports total_seats={TotalSeats}; the listing is incomplete, so no {blueprint} entity of it was deleted this run")
            : null;

    public void Add(SeatRecord seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        if (seat.AssigneeLogin is not { Length: > 0 } login)
        {
            WithoutLogin++;
            return;
        }

        if (!_holders.TryGetValue(login, out var holder))
        {
            holder = new SeatHolder(login);
            _holders[login] = holder;
        }

        holder.SeatRecords++;
        holder.Id ??= seat.AssigneeId;
        if (seat.LastActivityAt is { } activity && (holder.LastActivityAt is null || activity > holder.LastActivityAt))
        {
            holder.LastActivityAt = activity;
            holder.LastActivityEditor = seat.LastActivityEditor;
        }

        if (seat.LastAuthenticatedAt is { } authenticated && (holder.LastAuthenticatedAt is null || authenticated > holder.LastAuthenticatedAt))
        {
            holder.LastAuthenticatedAt = authenticated;
        }

        if (seat.CreatedAt is { } created && (holder.CreatedAt is null || created < holder.CreatedAt))
        {
            holder.CreatedAt = created;
        }

        if (seat.PendingCancellationDate is { } pending)
        {
            holder.LatestPending = holder.LatestPending is { } p && p > pending ? p : pending;
        }
        else
        {
            holder.AllPending = false;
        }

        if (seat.AssigningTeamSlug is { Length: > 0 } team)
        {
            holder.AssigningTeams.Add(team);
        }

        if (seat.OrganizationLogin is { Length: > 0 } organization)
        {
            holder.Organizations.Add(organization);
        }

        if (PlanRank(seat.PlanType) > PlanRank(holder.PlanType))
        {
            holder.PlanType = seat.PlanType!.ToLowerInvariant();
        }
    }

    private static int PlanRank(string? plan) => plan?.ToUpperInvariant() switch
    {
        "ENTERPRISE" => 2,
        "BUSINESS" => 1,
        null => -1,
        _ => 0,
    };
}

using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Snapshots;

/// <summary>
/// The complete seat listings of the run, kept for the data sets that have not read them yet. With
/// <paramref name="readers"/> data sets listing seats, a scope's listing is kept after the first read and dropped once
/// every reader has had it, so at most the scopes a later data set still has to read are held; with one reader nothing
/// is kept. A data set asking again for a listing it has already had starts a new run: the listing is read afresh.
/// At most <paramref name="maxSeats"/> seat records are kept at once (<see cref="DefaultMaxSeats"/>, about 30 MB): a
/// listing that would go beyond is not kept, and its later readers ask GitHub again, so memory stays bounded however
/// large the enterprise.
/// </summary>
public sealed class SeatListingCache(int readers, int maxSeats = SeatListingCache.DefaultMaxSeats)
{
    /// <summary>Seat records kept at once by default.</summary>
    public const int DefaultMaxSeats = 100_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<SeatScope, Entry> _listings = [];
    private int _keptSeats;

    /// <summary>Whether a listing read now is kept for another data set.</summary>
    public bool Keeps => readers > 1;

    /// <summary>How many more seat records may be kept now: a reader stops collecting a listing that outgrows it.</summary>
    public int Room
    {
        get
        {
            lock (_lock)
            {
                return Math.Max(0, maxSeats - _keptSeats);
            }
        }
    }

    /// <summary>Keeps a listing that <paramref name="reader"/> read to its end.</summary>
    public void Keep(SeatScope scope, string reader, IReadOnlyList<SeatPage> pages)
    {
        if (!Keeps)
        {
            return;
        }

        var seats = pages.Sum(p => p.Seats.Count);
        lock (_lock)
        {
            Drop(scope);
            if (_keptSeats + seats <= maxSeats)
            {
                _listings[scope] = new Entry(pages, seats, [reader]);
                _keptSeats += seats;
            }
        }
    }

    /// <summary>The kept listing of <paramref name="scope"/> for <paramref name="reader"/>, or null when it has to be read from GitHub.</summary>
    public IReadOnlyList<SeatPage>? TryTake(SeatScope scope, string reader)
    {
        lock (_lock)
        {
            if (!_listings.TryGetValue(scope, out var entry))
            {
                return null;
            }

            if (!entry.Readers.Add(reader))
            {
                // Already had it: this is a later run in the same process, which must see GitHub's seats as they are now.
                Drop(scope);
                return null;
            }

            if (entry.Readers.Count >= readers)
            {
                Drop(scope);
            }

            return entry.Pages;
        }
    }

    private void Drop(SeatScope scope)
    {
        if (_listings.Remove(scope, out var entry))
        {
            _keptSeats -= entry.Seats;
        }
    }

    private sealed record Entry(IReadOnlyList<SeatPage> Pages, int Seats, HashSet<string> Readers);
}

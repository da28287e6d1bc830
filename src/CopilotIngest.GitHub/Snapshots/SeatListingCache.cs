using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Snapshots;

/// <summary>
/// The complete seat listings of the run, kept for the data sets that have not read them yet. With
/// <paramref name="readers"/> data sets listing seats, a scope's listing is kept after the first read and dropped once
/// every reader has had it, so at most the scopes a later data set still has to read are held; with one reader nothing
/// is kept. A data set asking again for a listing it has already had starts a new run: the listing is read afresh.
/// </summary>
public sealed class SeatListingCache(int readers)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SeatScope, Entry> _listings = [];

    /// <summary>Whether a listing read now is kept for another data set.</summary>
    public bool Keeps => readers > 1;

    /// <summary>Keeps a listing that <paramref name="reader"/> read to its end.</summary>
    public void Keep(SeatScope scope, string reader, IReadOnlyList<SeatPage> pages)
    {
        if (!Keeps)
        {
            return;
        }

        lock (_lock)
        {
            _listings[scope] = new Entry(pages, [reader]);
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
                _listings.Remove(scope);
                return null;
            }

            if (entry.Readers.Count >= readers)
            {
                _listings.Remove(scope);
            }

            return entry.Pages;
        }
    }

    private sealed record Entry(IReadOnlyList<SeatPage> Pages, HashSet<string> Readers);
}

using System.Runtime.CompilerServices;
using CopilotIngest.GitHub.Client;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.GitHub.Snapshots;

/// <summary>
/// A scope's seat listing, read from GitHub once per run: the first data set that needs it streams it page by page
/// (<see cref="GitHubClient.GetSeatPagesAsync"/>), and the other data sets of the run that list the same scope's seats
/// (<c>github_seats</c>, <c>github_users</c>, <c>github_seat_details</c>) replay that listing instead of asking GitHub
/// again, so they also agree on it. Only a listing read to its end is kept, and only up to a bounded number of seats
/// (see <see cref="SeatListingCache"/>).
/// </summary>
public sealed partial class SeatListing(GitHubClient client, SeatListingCache cache, ILogger<SeatListing> logger)
{
    /// <summary>The seat pages of <paramref name="scope"/> for the data set named <paramref name="reader"/>.</summary>
    public async IAsyncEnumerable<SeatPage> GetPagesAsync(SeatScope scope, string reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (cache.TryTake(scope, reader) is { } kept)
        {
            LogReplayed(scope, kept.Count);
            foreach (var page in kept)
            {
                yield return page;
            }

            yield break;
        }

        // Collected only while it fits what may be kept: a larger listing streams through as before.
        var read = cache.Keeps ? new List<SeatPage>() : null;
        var room = cache.Keeps ? cache.Room : 0;
        var seats = 0;
        await foreach (var page in client.GetSeatPagesAsync(scope, cancellationToken))
        {
            seats += page.Seats.Count;
            read = seats <= room ? read : null;
            read?.Add(page);
            yield return page;
        }

        if (read is not null)
        {
            cache.Keep(scope, reader, read);
        }
    }

    [LoggerMessage(EventId = 115, Level = LogLevel.Debug, Message = "Seats of {Scope}: the {Pages} page(s) read earlier in this run are used again")]
    private partial void LogReplayed(SeatScope scope, int pages);
}

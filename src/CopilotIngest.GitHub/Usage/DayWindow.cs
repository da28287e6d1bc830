using CopilotIngest.Core.Sinks;
using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Usage;

/// <summary>The days a time-series data set should hold for a scope: the last N days up to the newest published one, never before GitHub's first report day.</summary>
/// <param name="First">The oldest day of the window.</param>
/// <param name="Newest">The newest day GitHub has published.</param>
/// <param name="Missing">Days of the window Port does not hold, oldest first.</param>
public sealed record DayWindow(DateOnly First, DateOnly Newest, IReadOnlyList<DateOnly> Missing)
{
    public int Days => First <= Newest ? Newest.DayNumber - First.DayNumber + 1 : 0;

    /// <param name="held">What Port held for the blueprint before the run (listed once per run, not once per scope).</param>
    public static DayWindow Find(
        HeldEntities held,
        SeatScope scope,
        DateOnly newest,
        int lookbackDays,
        Func<string, DateOnly?> dayOf)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(dayOf);
        var first = newest.AddDays(1 - lookbackDays);
        if (first < scope.FirstReportDay)
        {
            first = scope.FirstReportDay;
        }

        var present = new HashSet<DateOnly>();
        foreach (var identifier in held.WithPrefix(scope.PortKey + "@"))
        {
            if (dayOf(identifier) is { } day)
            {
                present.Add(day);
            }
        }

        var missing = new List<DateOnly>();
        for (var day = first; day <= newest; day = day.AddDays(1))
        {
            if (!present.Contains(day))
            {
                missing.Add(day);
            }
        }

        return new DayWindow(first, newest, missing);
    }
}

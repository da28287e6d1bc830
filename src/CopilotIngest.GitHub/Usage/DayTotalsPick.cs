using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Usage;

/// <summary>
/// Picks the requested day out of a 1-day scope report. A line is either the day itself or a 28-day-style wrapper with
/// <c>day_totals</c> (GitHub documents neither for 1-day files); a missing <c>day</c> is the requested one. Other days
/// are ignored and a second record for the day is counted, not merged.
/// </summary>
public sealed class DayTotalsPick(DateOnly day)
{
    public DateOnly Day { get; } = day;

    public UsageDayTotals? Totals { get; private set; }

    public int Duplicates { get; private set; }

    public int OtherDays { get; private set; }

    public void Add(UsageDayTotals line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.DayTotals is { } days)
        {
            foreach (var element in days)
            {
                if (element is not null)
                {
                    Take(element);
                }
            }

            return;
        }

        Take(line);
    }

    private void Take(UsageDayTotals totals)
    {
        var day = totals.Day ?? Day;
        if (day != Day)
        {
            OtherDays++;
            return;
        }

        if (Totals is null)
        {
            Totals = totals with { Day = day, DayTotals = null };
            return;
        }

        Duplicates++;
    }
}

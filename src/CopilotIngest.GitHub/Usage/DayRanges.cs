using System.Globalization;
using System.Text;

namespace CopilotIngest.GitHub.Usage;

/// <summary>Writes a set of days compactly for notes: <c>2026-10-01..2026-10-05, 2026-10-09</c>.</summary>
public static class DayRanges
{
    public static string Format(IEnumerable<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var builder = new StringBuilder();
        DateOnly? start = null, previous = null;
        foreach (var day in days.Distinct().Order())
        {
            if (previous is { } p && day == p.AddDays(1))
            {
                previous = day;
                continue;
            }

            Append(builder, start, previous);
            start = previous = day;
        }

        Append(builder, start, previous);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, DateOnly? start, DateOnly? end)
    {
        if (start is not { } s || end is not { } e)
        {
            return;
        }

        if (builder.Length > 0)
        {
            builder.Append(", ");
        }

        builder.Append(s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (e != s)
        {
            builder.Append("..").Append(e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }
}

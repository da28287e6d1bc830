using System.Globalization;

namespace CopilotIngest.M365.Reports;

/// <summary>Parses report values: dates as <c>yyyy-MM-dd</c> (empty, "" and null mean "never"), non-negative counts.</summary>
internal static class ReportValues
{
    public const int MaxTextLength = 1024;

    public static bool TryDate(string? raw, out DateOnly? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        if (DateOnly.TryParseExact(raw.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = date;
            return true;
        }

        return false;
    }

    public static bool TryCount(string? raw, out long? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        if (long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    public static bool TryNumber(string? raw, out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        if (double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && number >= 0)
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>A report period in days ("7"), also accepting the "D7" spelling.</summary>
    public static bool TryPeriodDays(string? raw, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        var text = raw.Trim();
        if (text.StartsWith('D') || text.StartsWith('d'))
        {
            text = text[1..];
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 3660)
        {
            value = days;
            return true;
        }

        return false;
    }
}

namespace CopilotIngest.M365.Configuration;

/// <summary>A Copilot report period such as <c>D7</c>, with the rules of report versions v1 and v2.</summary>
public readonly record struct ReportPeriod(string Value, int Days)
{
    /// <summary>v1 periods: D7, D30, D90, D180.</summary>
    public static IReadOnlyList<string> V1Periods { get; } = ["D7", "D30", "D90", "D180"];

    /// <summary>v2 periods: D7, D28, D90, D180.</summary>
    public static IReadOnlyList<string> V2Periods { get; } = ["D7", "D28", "D90", "D180"];

    public static ReportPeriod D7 { get; } = new("D7", 7);

    public static ReportPeriod D180 { get; } = new("D180", 180);

    /// <summary>Parses <paramref name="text"/> for the given report version; null when the version does not offer it.</summary>
    public static ReportPeriod? Parse(string text, bool v2)
    {
        var upper = text.Trim().ToUpperInvariant();
        var allowed = v2 ? V2Periods : V1Periods;
        return allowed.Contains(upper) ? new ReportPeriod(upper, int.Parse(upper.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>The period of a report row given in days (e.g. 7 → D7).</summary>
    public static ReportPeriod FromDays(int days) => new("D" + days.ToString(System.Globalization.CultureInfo.InvariantCulture), days);

    public override string ToString() => Value;
}

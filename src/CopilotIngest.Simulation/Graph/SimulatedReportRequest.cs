namespace CopilotIngest.Simulation.Graph;

/// <summary>One report call: the function, its period (<c>D7</c> = 7 days) and report version.</summary>
internal sealed record SimulatedReportRequest(string Function, string Period, int Days, bool V2)
{
    public const string UserDetail = "getMicrosoft365CopilotUsageUserDetail";
    public const string Summary = "getMicrosoft365CopilotUserCountSummary";
    public const string Trend = "getMicrosoft365CopilotUserCountTrend";

    public static IReadOnlyList<string> Functions { get; } = [UserDetail, Summary, Trend];

    /// <summary>Parses <c>period='D7',version='v2'</c>; null with a reason when Graph would reject it.</summary>
    public static (SimulatedReportRequest? Request, string? Error) Parse(string function, string arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in arguments.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2)
            {
                return (null, $"Malformed function parameter '{part}'.");
            }

            values[pair[0]] = pair[1].Trim('\'');
        }

        if (!values.TryGetValue("period", out var period))
        {
            return (null, "The parameter 'period' is required.");
        }

        var version = values.GetValueOrDefault("version", "v1");
        if (version is not ("v1" or "v2"))
        {
            return (null, $"Invalid version '{version}'.");
        }

        var v2 = version == "v2";
        string[] allowed = v2 ? ["D7", "D28", "D90", "D180"] : ["D7", "D30", "D90", "D180"];
        if (!allowed.Contains(period))
        {
            return (null, $"Invalid period '{period}' for version {version}.");
        }

        return (new SimulatedReportRequest(function, period, int.Parse(period.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture), v2), null);
    }
}

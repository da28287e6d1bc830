using System.Globalization;
using System.Text.Json.Nodes;

namespace CopilotIngest.M365.Mapping;

/// <summary>Small helpers shared by the mappers: Port date-time strings and percentages.</summary>
internal static class PortValues
{
    /// <summary>A report date as Port's <c>date-time</c> format: midnight UTC.</summary>
    public static string DateTime(DateOnly date) => Day(date) + "T00:00:00Z";

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static JsonNode? DateTimeOrNull(DateOnly? date) => date is { } value ? JsonValue.Create(DateTime(value)) : null;

    /// <summary>part / whole × 100, one decimal; null when either is unknown or the whole is zero.</summary>
    public static double? Percent(long? part, long? whole) =>
        part is { } p && whole is { } w && w > 0 ? Math.Round(p * 100.0 / w, 1, MidpointRounding.AwayFromZero) : null;
}

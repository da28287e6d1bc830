using System.Globalization;
using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Usage;

/// <summary>Reads identifiers of the per-day entities that belong to one thing of a scope: <c>scope@key@yyyy-MM-dd</c> (teams, repositories).</summary>
internal static class DailyIdentifier
{
    /// <summary>The day of <paramref name="identifier"/> when it is <c>scope@key@day</c> for <paramref name="scope"/>, or null.</summary>
    public static DateOnly? DayOfKeyed(SeatScope scope, string identifier)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(identifier);
        var parts = identifier.Split('@');
        return parts.Length == 3 && parts[0] == scope.PortKey
            && DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : null;
    }
}

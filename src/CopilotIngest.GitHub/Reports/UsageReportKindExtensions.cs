using CopilotIngest.GitHub.Client;

namespace CopilotIngest.GitHub.Reports;

/// <summary>Where each report lives and how messages name it.</summary>
public static class UsageReportKindExtensions
{
    public static bool IsOneDay(this UsageReportKind kind) =>
        kind is UsageReportKind.ScopeOneDay or UsageReportKind.UsersOneDay or UsageReportKind.UserTeamsOneDay or UsageReportKind.ReposOneDay;

    /// <summary>The last path segment(s) under <see cref="SeatScope.ReportsPath"/>, e.g. <c>organization-1-day</c>.</summary>
    public static string PathSegment(this UsageReportKind kind, SeatScopeType scope)
    {
        var entity = scope == SeatScopeType.Organization ? "organization" : "enterprise";
        return kind switch
        {
            UsageReportKind.ScopeOneDay => $"{entity}-1-day",
            UsageReportKind.ScopeLatest28Days => $"{entity}-28-day/latest",
            UsageReportKind.UsersOneDay => "users-1-day",
            UsageReportKind.UsersLatest28Days => "users-28-day/latest",
            UsageReportKind.UserTeamsOneDay => "user-teams-1-day",
            UsageReportKind.ReposOneDay => "repos-1-day",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>The relative request path with the <c>day</c> query for 1-day reports.</summary>
    public static string RelativeUri(this UsageReportKind kind, SeatScope scope, DateOnly? day)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var path = $"{scope.ReportsPath}/{kind.PathSegment(scope.Type)}";
        if (!kind.IsOneDay())
        {
            return path;
        }

        var value = day ?? throw new ArgumentException($"The {kind} report needs a day.", nameof(day));
        return $"{path}?day={value:yyyy-MM-dd}";
    }
}

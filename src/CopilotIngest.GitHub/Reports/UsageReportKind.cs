namespace CopilotIngest.GitHub.Reports;

/// <summary>The usage-metrics reports this product reads; each exists for organizations and enterprises.</summary>
public enum UsageReportKind
{
    /// <summary><c>organization-1-day?day=</c> / <c>enterprise-1-day?day=</c>: the scope's totals for one day.</summary>
    ScopeOneDay,

    /// <summary><c>organization-28-day/latest</c> / <c>enterprise-28-day/latest</c>: the scope's totals for the newest 28 days.</summary>
    ScopeLatest28Days,

    /// <summary><c>users-1-day?day=</c>: one line per active user for one day.</summary>
    UsersOneDay,

    /// <summary><c>users-28-day/latest</c>: one line per user per day for the newest 28 days.</summary>
    UsersLatest28Days,

    /// <summary><c>user-teams-1-day?day=</c>: one line per (user, team) for one day.</summary>
    UserTeamsOneDay,

    /// <summary><c>repos-1-day?day=</c>: one line per repository with pull-request activity that day.</summary>
    ReposOneDay,
}

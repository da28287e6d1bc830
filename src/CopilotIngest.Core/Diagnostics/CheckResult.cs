namespace CopilotIngest.Core.Diagnostics;

/// <summary>How a check ended: <see cref="Problem"/> makes <c>doctor</c> exit 1, <see cref="Warning"/> does not.</summary>
public enum CheckOutcome
{
    Ok,
    Warning,
    Problem,
}

/// <summary>One line of <c>doctor</c>: what was checked, how it went, what was found and, when not ok, how to fix it.</summary>
public sealed record CheckResult(string Area, string Check, CheckOutcome Outcome, string Detail, string? Fix = null)
{
    public static CheckResult Ok(string area, string check, string detail) => new(area, check, CheckOutcome.Ok, detail);

    public static CheckResult Warning(string area, string check, string detail, string fix) => new(area, check, CheckOutcome.Warning, detail, fix);

    public static CheckResult Problem(string area, string check, string detail, string fix) => new(area, check, CheckOutcome.Problem, detail, fix);
}

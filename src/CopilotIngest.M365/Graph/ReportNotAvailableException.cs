namespace CopilotIngest.M365.Graph;

/// <summary>
/// Graph has no Copilot report data for the tenant yet (the <c>UnknownTenantId</c> answer of a new or empty tenant).
/// Not a failure: the run says so and exits 0.
/// </summary>
public sealed class ReportNotAvailableException : Exception
{
    public ReportNotAvailableException()
        : base(DefaultMessage)
    {
    }

    public ReportNotAvailableException(string message)
        : base(message)
    {
    }

    public ReportNotAvailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public const string DefaultMessage =
        "No data yet: Microsoft Graph has no Microsoft 365 Copilot usage reports for this tenant (UnknownTenantId). "
        + "Reports appear after users hold Copilot licences and the report service has processed their activity (typically within 72 hours). Nothing to ingest.";
}

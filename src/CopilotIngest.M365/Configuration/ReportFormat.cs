namespace CopilotIngest.M365.Configuration;

/// <summary><c>M365_API_VERSION</c>: <c>v1.0</c> answers the Copilot reports as CSV, <c>beta</c> as paged JSON.</summary>
public enum ReportFormat
{
    /// <summary><c>/v1.0/copilot/reports/…</c>, CSV (possibly behind a 302 to a pre-authenticated download URL).</summary>
    CsvV1,

    /// <summary><c>/beta/copilot/reports/…</c>, JSON with <c>@odata.nextLink</c> paging.</summary>
    JsonBeta,
}

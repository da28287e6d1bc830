namespace CopilotIngest.M365.Reports;

/// <summary>One row of a report, CSV line or JSON item alike, read by normalized column key (<see cref="ColumnKey"/>).</summary>
internal interface IReportRow
{
    /// <summary>Where the row came from, for messages: "line 17" or "item 3 of page 2". Never a value.</summary>
    string Location { get; }

    /// <summary>True when the report has this column (even if this row's value is empty).</summary>
    bool Has(string key);

    /// <summary>The raw value, or null when the column is absent or the value is JSON null.</summary>
    string? Get(string key);
}

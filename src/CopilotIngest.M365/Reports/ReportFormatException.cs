namespace CopilotIngest.M365.Reports;

/// <summary>A report body that cannot be read at all (empty, truncated, missing columns, not the JSON expected). Never carries report values.</summary>
public sealed class ReportFormatException : Exception
{
    public ReportFormatException()
        : base("The report could not be read.")
    {
    }

    public ReportFormatException(string message)
        : base(message)
    {
    }

    public ReportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace CopilotIngest.Core.Diagnostics;

/// <summary>How a value in Port compares with what the source reports now.</summary>
public enum ParityOutcome
{
    Match,
    Mismatch,

    /// <summary>Could not be compared (the source or Port failed); counts as a mismatch for the exit code.</summary>
    Error,
}

/// <summary>One line of <c>verify</c>: a value of a data set as the source reports it now and as Port holds it.</summary>
public sealed record ParityRow(string DataSet, string Check, string Source, string Port, ParityOutcome Outcome, string? Note = null)
{
    public static ParityRow Compare(string dataSet, string check, string source, string port, string? note = null) =>
        new(dataSet, check, source, port, string.Equals(source, port, StringComparison.Ordinal) ? ParityOutcome.Match : ParityOutcome.Mismatch, note);

    public static ParityRow Failed(string dataSet, string check, string problem) => new(dataSet, check, "?", "?", ParityOutcome.Error, problem);
}

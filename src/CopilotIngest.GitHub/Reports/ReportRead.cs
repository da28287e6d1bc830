using CopilotIngest.GitHub.Reports.Records;

namespace CopilotIngest.GitHub.Reports;

/// <summary>A report read completely: what the consumer built from its records, and the lines it had to skip.</summary>
/// <param name="State">What the consumer accumulated.</param>
/// <param name="Links">GitHub's answer (day or date range); the links themselves are expired or spent by now.</param>
/// <param name="Files">Files downloaded.</param>
/// <param name="Records">Records read.</param>
/// <param name="Problems">Lines skipped, by file and line.</param>
public sealed record ReportRead<TState>(TState State, ReportLinks Links, int Files, long Records, IReadOnlyList<ReportProblem> Problems);

namespace CopilotIngest.M365.Reports;

/// <summary>
/// What happened while one report was read: good rows, rows skipped as malformed (with where and why, never the
/// values) and whether the end of the report was reached. Only a finished report with no skipped row is complete,
/// and only a complete report may drive deletions.
/// </summary>
internal sealed class ReportReadState
{
    /// <summary>Problems beyond this many are counted but not listed.</summary>
    public const int MaxListedProblems = 50;

    private readonly List<RowProblem> _problems = [];

    public int Rows { get; private set; }

    public int MalformedRows { get; private set; }

    public bool Finished { get; private set; }

    public bool Complete => Finished && MalformedRows == 0;

    public IReadOnlyList<RowProblem> Problems => _problems;

    public void RowRead() => Rows++;

    public void Malformed(string location, string reason)
    {
        MalformedRows++;
        if (_problems.Count < MaxListedProblems)
        {
            _problems.Add(new RowProblem(location, reason));
        }
    }

    public void MarkFinished() => Finished = true;
}

/// <summary>A skipped report row: where it was and why it was skipped.</summary>
internal sealed record RowProblem(string Location, string Reason);

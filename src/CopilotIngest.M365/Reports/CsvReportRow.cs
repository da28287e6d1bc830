namespace CopilotIngest.M365.Reports;

/// <summary>A CSV record read through its header's column index.</summary>
internal sealed class CsvReportRow(IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> fields, long line) : IReportRow
{
    public string Location => $"line {line}";

    public bool Has(string key) => columns.ContainsKey(key);

    public string? Get(string key) => columns.TryGetValue(key, out var index) ? fields[index] : null;
}

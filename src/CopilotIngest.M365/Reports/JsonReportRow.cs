namespace CopilotIngest.M365.Reports;

/// <summary>A JSON report item flattened to normalized keys (parent scalars plus the scalars of the expanded child).</summary>
internal sealed class JsonReportRow(IReadOnlyDictionary<string, string?> values, string location) : IReportRow
{
    public string Location => location;

    public bool Has(string key) => values.ContainsKey(key);

    public string? Get(string key) => values.TryGetValue(key, out var value) ? value : null;
}

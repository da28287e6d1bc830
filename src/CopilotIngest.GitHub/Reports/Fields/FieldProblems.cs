using System.Globalization;

namespace CopilotIngest.GitHub.Reports.Fields;

/// <summary>
/// Report fields that arrived in an unexpected shape, counted per field: the field (or the bad entries of it) was left
/// out and the rest of the record written. One per report read or data set run, turned into summary notes and a warning.
/// </summary>
public sealed class FieldProblems
{
    private readonly SortedDictionary<string, (int Count, string Expected)> _byField = new(StringComparer.Ordinal);

    public bool IsEmpty => _byField.Count == 0;

    public IReadOnlyCollection<string> Fields => _byField.Keys;

    public int Count(string field) => _byField.TryGetValue(field, out var entry) ? entry.Count : 0;

    public void Add(string field, string expected)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(expected);
        _byField[field] = (Count(field) + 1, expected);
    }

    /// <summary>One sentence per field, e.g. for the run summary: what was expected and that the rest was kept.</summary>
    public IEnumerable<string> Describe(string where) =>
        _byField.Select(p => string.Create(CultureInfo.InvariantCulture, $"{where}: {p.Key} had an unexpected shape {p.Value.Count} time(s) (expected {p.Value.Expected}); that value was left out and the other fields were written"));
}

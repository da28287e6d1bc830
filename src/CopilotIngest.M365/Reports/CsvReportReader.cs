using System.Runtime.CompilerServices;
using System.Text;

namespace CopilotIngest.M365.Reports;

/// <summary>
/// Streams a CSV report row by row, by header name: a UTF-8 byte order mark is dropped, required columns are
/// checked against the header, rows whose field count differs from the header are skipped as malformed.
/// </summary>
internal static class CsvReportReader
{
    /// <summary>No report row comes near this; a longer one means the body is not the report.</summary>
    public const int MaxRecordChars = 64 * 1024;

    public static async IAsyncEnumerable<IReportRow> ReadAsync(
        Stream stream,
        IReadOnlyList<ReportColumn> requiredColumns,
        ReportReadState state,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        var csv = new CsvRecordReader(text, MaxRecordChars);
        var header = await csv.ReadRecordAsync(cancellationToken)
            ?? throw new ReportFormatException("The report is empty: not even a header row arrived.");
        var columns = IndexHeader(header, requiredColumns);

        while (await csv.ReadRecordAsync(cancellationToken) is { } record)
        {
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue;
            }

            if (record.Count != header.Count)
            {
                state.Malformed($"line {csv.RecordLine}", $"{record.Count} fields where the header has {header.Count}");
                continue;
            }

            yield return new CsvReportRow(columns, record, csv.RecordLine);
        }

        state.MarkFinished();
    }

    private static Dictionary<string, int> IndexHeader(IReadOnlyList<string> header, IReadOnlyList<ReportColumn> requiredColumns)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = i == 0 ? header[i].TrimStart('\uFEFF') : header[i];
            columns.TryAdd(ColumnKey.Normalize(name), i);
        }

        var missing = requiredColumns.Where(c => !columns.ContainsKey(c.Key)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            var found = string.Join(", ", header.Take(30).Select(h => h.TrimStart('\uFEFF')));
            throw new ReportFormatException($"The report lacks the column(s) {string.Join(", ", missing)}; its header has: {Shorten(found)}.");
        }

        return columns;
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}

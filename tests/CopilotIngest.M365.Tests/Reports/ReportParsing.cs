using System.Text;
using System.Text.Json;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Reports;

namespace CopilotIngest.M365.Tests.Reports;

/// <summary>Feeds report bodies through the same parsers the Graph client uses.</summary>
internal static class ReportParsing
{
    public static async Task<List<IReportRow>> CsvRowsAsync(string text, CopilotReport report, ReportReadState state, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom)
        {
            bytes = [.. Encoding.UTF8.Preamble, .. bytes];
        }

        using var stream = new MemoryStream(bytes);
        var rows = new List<IReportRow>();
        await foreach (var row in CsvReportReader.ReadAsync(stream, report.RequiredColumns, state, CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static (List<IReportRow> Rows, string? NextLink) JsonRows(string text, CopilotReport report, ReportReadState state)
    {
        var page = JsonSerializer.Deserialize(text, GraphJsonContext.Default.ReportPagePayload)!;
        var rows = page.Value!.SelectMany((item, i) => JsonReportRows.Flatten(item, report.JsonRowArray, $"item {i + 1}", state)).ToList();
        return (rows, page.NextLink);
    }

    public static async Task<List<UserActivityRecord>> UsersFromCsvAsync(string text, ReportReadState? state = null)
    {
        state ??= new ReportReadState();
        var rows = await CsvRowsAsync(text, CopilotReport.UsageUserDetail, state);
        return [.. rows.Select(r => UserActivityReader.Read(r, state)).OfType<UserActivityRecord>()];
    }

    public static List<UserActivityRecord> UsersFromJson(string text, ReportReadState? state = null)
    {
        state ??= new ReportReadState();
        return [.. JsonRows(text, CopilotReport.UsageUserDetail, state).Rows.Select(r => UserActivityReader.Read(r, state)).OfType<UserActivityRecord>()];
    }
}

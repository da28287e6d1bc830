using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CopilotIngest.Simulation.Graph;

/// <summary>Writes the simulated reports in Graph's two wire formats: CSV with a UTF-8 BOM and CRLF, and paged JSON.</summary>
internal sealed class SimulatedReportWriter(SimulatedReportRows rows, int jsonPageSize)
{
    public async Task WriteCsvAsync(Stream body, SimulatedReportRequest request, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
        var (columns, data) = request.Function switch
        {
            SimulatedReportRequest.UserDetail => (SimulatedReportRows.UserDetailColumns(request.V2), rows.UserDetail(request)),
            SimulatedReportRequest.Summary => (SimulatedReportRows.CountColumns(request.V2, trend: false), [rows.Summary(request)]),
            _ => (SimulatedReportRows.CountColumns(request.V2, trend: true), rows.Trend(request)),
        };
        await writer.WriteAsync(string.Join(',', columns.Select(c => Csv(c.Csv))) + "\r\n");
        foreach (var row in data)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(string.Join(',', row.Select(v => Csv(Format(v)))) + "\r\n");
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes one JSON page; only the user detail report pages, with <c>@odata.nextLink</c> from <paramref name="nextLink"/>(next offset).</summary>
    public async Task WriteJsonAsync(Stream body, SimulatedReportRequest request, int skip, Func<int, string> nextLink, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        switch (request.Function)
        {
            case SimulatedReportRequest.UserDetail:
                var columns = SimulatedReportRows.UserDetailColumns(request.V2);
                var page = rows.UserDetail(request, skip, jsonPageSize).ToList();
                if (skip + page.Count < rows.UserCount)
                {
                    json.WriteString("@odata.nextLink", nextLink(skip + page.Count));
                }

                json.WriteStartArray("value");
                foreach (var row in page)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < columns.Count - 1; i++)
                    {
                        WriteValue(json, columns[i].Json, row[i]);
                    }

                    json.WriteStartArray("copilotActivityUserDetailsByPeriod");
                    json.WriteStartObject();
                    WriteValue(json, "reportPeriod", row[^1]);
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;

            case SimulatedReportRequest.Summary:
                var summaryColumns = SimulatedReportRows.CountColumns(request.V2, trend: false);
                var summary = rows.Summary(request);
                json.WriteStartArray("value");
                json.WriteStartObject();
                WriteValue(json, "reportRefreshDate", summary[0]);
                json.WriteStartArray("adoptionByProduct");
                json.WriteStartObject();
                for (var i = 1; i < summaryColumns.Count; i++)
                {
                    WriteValue(json, summaryColumns[i].Json, summary[i]);
                }

                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                break;

            default:
                var trendColumns = SimulatedReportRows.CountColumns(request.V2, trend: true);
                json.WriteStartArray("value");
                json.WriteStartObject();
                json.WriteString("reportRefreshDate", rows.RefreshDay);
                json.WriteNumber("reportPeriod", request.Days);
                json.WriteStartArray("adoptionByDate");
                foreach (var row in rows.Trend(request))
                {
                    json.WriteStartObject();
                    for (var i = 1; i < trendColumns.Count - 1; i++)
                    {
                        WriteValue(json, trendColumns[i].Json, row[i]);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                break;
        }

        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object value)
    {
        switch (value)
        {
            case long number:
                json.WriteNumber(name, number);
                break;
            case double number:
                json.WriteNumber(name, number);
                break;
            default:
                json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Format(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

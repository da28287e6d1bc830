using CopilotIngest.Core.Http;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Sharding;
using CopilotIngest.Core.Sinks;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.DataSets;

/// <summary>
/// What every M365 data set does around its work: stop with a plain note in a national cloud, report "no data yet"
/// as a note (exit 0), and turn API and format failures into a failed result with the message to act on.
/// </summary>
internal sealed partial class M365RunGuard(IOptions<M365Options> options, ShardPlan shard, ILogger<M365RunGuard> logger)
{
    private int _nationalCloudLogged;
    private int _noDataLogged;

    public async Task<DataSetResult> RunAsync(string name, Func<CancellationToken, Task<DataSetResult>> run, CancellationToken cancellationToken)
    {
        if (!shard.Owns(name))
        {
            return Note(name, shard.NothingHereNote(name));
        }

        var settings = options.Value;
        if (GraphCloud.NationalCloudHost(settings.GraphUrl, settings.AuthorityHost) is { } host)
        {
            var message = GraphCloud.NotAvailableMessage(host);
            if (Interlocked.Exchange(ref _nationalCloudLogged, 1) == 0)
            {
                LogNote(message);
            }

            return Note(name, message);
        }

        try
        {
            return await run(cancellationToken);
        }
        catch (ReportNotAvailableException ex)
        {
            if (Interlocked.Exchange(ref _noDataLogged, 1) == 0)
            {
                LogNote(ex.Message);
            }

            return Note(name, ex.Message);
        }
        catch (ApiException ex)
        {
            return DataSetResult.Failure(name, ex.Message);
        }
        catch (ReportFormatException ex)
        {
            return DataSetResult.Failure(name, "Microsoft Graph sent a report that cannot be read: " + ex.Message);
        }
    }

    public static DataSetResult Note(string name, string note) => new(name, 0, 0, 0, 0, [], null, [note]);

    /// <summary>The skipped rows of a report as entity failures (where and why; never the values).</summary>
    public static IReadOnlyList<EntityFailure> RowFailures(string report, ReportReadState state) =>
        [.. state.Problems.Select(p => new EntityFailure($"{report} {p.Location}", "Skipped a malformed report row: " + p.Reason))];

    public static string? MalformedNote(string report, ReportReadState state) =>
        state.MalformedRows == 0 ? null
            : $"{state.MalformedRows} malformed row(s) of {report} were skipped{(state.MalformedRows > state.Problems.Count ? $" (the first {state.Problems.Count} are listed)" : string.Empty)}.";

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "{Message}")]
    private partial void LogNote(string message);
}

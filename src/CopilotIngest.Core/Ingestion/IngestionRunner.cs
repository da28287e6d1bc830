using CopilotIngest.Core.Http;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Core.Ingestion;

/// <summary>
/// Runs every registered data set in turn; one failing data set never stops the others, except when a service every
/// data set needs (Port) has proven unreachable for this run: the remaining data sets then fail at once with that
/// reason. Only the run's own token stops the run: then the data set that was running and those not started are
/// reported as cancelled, so the caller can still write a complete summary. A cancellation from anywhere else (an HTTP
/// client's timeout) fails that data set alone.
/// </summary>
public sealed partial class IngestionRunner(IEnumerable<IDataSet> dataSets, ILogger<IngestionRunner> logger, RunCircuits? circuits = null)
{
    public Task<IReadOnlyList<DataSetResult>> RunAsync(CancellationToken cancellationToken) => RunAsync(null, cancellationToken);

    /// <summary>Runs every data set; <paramref name="onStarting"/> hears each data set's name as it starts (progress display).</summary>
    public async Task<IReadOnlyList<DataSetResult>> RunAsync(Action<string>? onStarting, CancellationToken cancellationToken)
    {
        var results = new List<DataSetResult>();
        foreach (var dataSet in dataSets)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                results.Add(DataSetResult.CancelledRun(dataSet.Name, started: false));
                continue;
            }

            LogStarting(dataSet.Name);
            onStarting?.Invoke(dataSet.Name);
            DataSetResult result;
            if (circuits?.StoppingRun is { OpenMessage: { } reason })
            {
                result = DataSetResult.Failure(dataSet.Name, reason);
                LogFinished(result.Name, result.Fetched, result.Upserted, result.Unchanged, result.Deleted, result.Failed, reason);
                results.Add(result);
                continue;
            }

            try
            {
                result = await dataSet.RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                result = DataSetResult.CancelledRun(dataSet.Name, started: true);
            }
            catch (OperationCanceledException ex)
            {
                LogFailed(dataSet.Name, ex);
                result = DataSetResult.Failure(dataSet.Name, $"a request was cancelled before it finished (usually a timeout): {ex.Message}");
            }
            catch (Exception ex)
            {
                LogFailed(dataSet.Name, ex);
                result = DataSetResult.Failure(dataSet.Name, ex.Message);
            }

            LogFinished(result.Name, result.Fetched, result.Upserted, result.Unchanged, result.Deleted, result.Failed, result.Error ?? "none");
            results.Add(result);
        }

        return results;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Data set {DataSet} starting")]
    private partial void LogStarting(string dataSet);

    [LoggerMessage(EventId = 900, Level = LogLevel.Error, Message = "Data set {DataSet} failed")]
    private partial void LogFailed(string dataSet, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Data set {DataSet} finished: fetched={Fetched} upserted={Upserted} unchanged={Unchanged} deleted={Deleted} failed={Failed} error={Error}")]
    private partial void LogFinished(string dataSet, int fetched, int upserted, int unchanged, int deleted, int failed, string error);
}

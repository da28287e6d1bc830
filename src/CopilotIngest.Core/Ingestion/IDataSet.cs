namespace CopilotIngest.Core.Ingestion;

/// <summary>One unit of ingestion (e.g. GitHub seats): fetches from a source, maps, and writes to the sink.</summary>
public interface IDataSet
{
    /// <summary>Stable name used in logs and the run summary, e.g. <c>github_seats</c>.</summary>
    string Name { get; }

    /// <summary>Runs the data set once. Source and sink errors are reported in the result, not thrown, except cancellation.</summary>
    Task<DataSetResult> RunAsync(CancellationToken cancellationToken);
}

namespace CopilotIngest.Core.Diagnostics;

/// <summary>Compares what one source reports now with what Port holds, data set by data set, changing nothing.</summary>
public interface IParityCheck
{
    /// <summary>Streams the comparison rows; a failed comparison is a <see cref="ParityOutcome.Error"/> row, never an exception.</summary>
    IAsyncEnumerable<ParityRow> RunAsync(CancellationToken cancellationToken);
}

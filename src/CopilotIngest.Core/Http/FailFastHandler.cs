namespace CopilotIngest.Core.Http;

/// <summary>
/// Sits inside the resilience handler (one pass per attempt): refuses to send once the service's
/// <see cref="ServiceCircuit"/> is open, and tells the circuit whether each attempt got an answer.
/// </summary>
public sealed class FailFastHandler(ServiceCircuit circuit) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        circuit.ThrowIfOpen();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            circuit.RecordAnswer();
            return response;
        }
        catch (HttpRequestException ex)
        {
            circuit.RecordFailure(ex);
            circuit.ThrowIfOpen(ex);
            throw;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // The attempt timed out (or the run is being cancelled, when counting no longer matters).
            circuit.RecordFailure(ex);
            circuit.ThrowIfOpen(ex);
            throw;
        }
    }
}

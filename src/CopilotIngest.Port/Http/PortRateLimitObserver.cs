namespace CopilotIngest.Port.Http;

/// <summary>
/// Inside the resilience handler: tells the <see cref="PortRateLimitGate"/> what every attempt's answer says about the
/// window, and ends the call's turn at its first answer so the gate knows no answer of it is still on its way.
/// </summary>
internal sealed class PortRateLimitObserver(PortRateLimitGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            gate.Observe(response);
            return response;
        }
        finally
        {
            if (request.Options.TryGetValue(PortRateLimitGate.TurnOption, out var turn))
            {
                turn.Dispose();
            }
        }
    }
}

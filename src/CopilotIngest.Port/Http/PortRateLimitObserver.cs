namespace CopilotIngest.Port.Http;

/// <summary>
/// Inside the resilience handler: tells the <see cref="PortRateLimitGate"/> what every attempt's answer says about the
/// window, and ends the call's turn at its first answer, so the gate knows no answer of it is still on its way. An
/// attempt that got no answer (a timeout, a dropped connection) may still have been counted by Port and is retried, so
/// its turn lasts until the whole call is over (<see cref="PortRateLimitHandler"/>).
/// </summary>
internal sealed class PortRateLimitObserver(PortRateLimitGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        gate.Observe(response);
        if (request.Options.TryGetValue(PortRateLimitGate.TurnOption, out var turn))
        {
            turn.Dispose();
        }

        return response;
    }
}

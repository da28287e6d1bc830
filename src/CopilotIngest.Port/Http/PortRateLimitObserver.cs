namespace CopilotIngest.Port.Http;

/// <summary>Inside the resilience handler: tells the <see cref="PortRateLimitGate"/> what every attempt's answer says about the window.</summary>
internal sealed class PortRateLimitObserver(PortRateLimitGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        gate.Observe(response);
        return response;
    }
}

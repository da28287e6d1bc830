namespace CopilotIngest.Port.Http;

/// <summary>Holds each call (every attempt) until Port's rate-limit window allows it, and records what each answer says.</summary>
internal sealed class PortRateLimitHandler(PortRateLimitGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        gate.Observe(response.Headers);
        return response;
    }
}

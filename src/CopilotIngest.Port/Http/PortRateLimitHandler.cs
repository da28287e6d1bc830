namespace CopilotIngest.Port.Http;

/// <summary>
/// Outside the resilience handler: holds each call until Port's rate limit allows it (see <see cref="PortRateLimitGate"/>),
/// so the wait never counts against the attempt timeout. With <paramref name="limitConcurrency"/> it also holds one of
/// the gate's concurrency slots for the whole call. The token request does not: it runs while API calls hold their slots.
/// </summary>
internal sealed class PortRateLimitHandler(PortRateLimitGate gate, bool limitConcurrency) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = limitConcurrency ? await gate.AcquireAsync(cancellationToken) : null;
        await gate.WaitTurnAsync(cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}

namespace CopilotIngest.Port.Http;

/// <summary>
/// Outside the resilience handler: holds each call until Port's rate limit allows it (see <see cref="PortRateLimitGate"/>),
/// so the wait never counts against the attempt timeout. With <paramref name="limitConcurrency"/> it also holds one of
/// the gate's concurrency slots for the whole call. The token request does not: it runs while API calls hold their slots.
/// The call's turn ends at its first answer (<see cref="PortRateLimitObserver"/>), or here when it got none.
/// </summary>
internal sealed class PortRateLimitHandler(PortRateLimitGate gate, bool limitConcurrency) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = limitConcurrency ? await gate.AcquireAsync(cancellationToken) : null;
        using var turn = await gate.WaitTurnAsync(cancellationToken);
        request.Options.Set(PortRateLimitGate.TurnOption, turn);
        return await base.SendAsync(request, cancellationToken);
    }
}

using CopilotIngest.Core.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Port.Http;

/// <summary>Shapes the standard resilience pipeline for Port: retries honour <c>Retry-After</c> (which wins) and <c>x-ratelimit-reset</c>, up to <c>PORT_MAX_RATE_LIMIT_WAIT</c>.</summary>
internal static class PortResilience
{
    public static void Configure(HttpStandardResilienceOptions resilience, PortOptions options, TimeProvider timeProvider, ILogger logger) =>
        StandardResilience.Configure(resilience, Policy(options, timeProvider), logger);

    public static ResiliencePolicy Policy(PortOptions options, TimeProvider timeProvider) => new()
    {
        Service = PortErrors.Service,
        MaxRetries = options.MaxRetryAttempts,
        BaseDelay = options.RetryBaseDelay,
        AttemptTimeout = options.AttemptTimeout,
        TotalTimeout = options.TotalRequestTimeout,
        MaxServerWait = options.MaxRateLimitWait,
        MaxServerWaitSetting = PortSettings.MaxRateLimitWait,
        ServerWait = (response, _) => ValueTask.FromResult(PortRetryDelay.From(response, timeProvider)),
    };
}

using System.Net.Http.Headers;
using CopilotIngest.Core.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Http;

/// <summary>
/// Shared by every Port call: once a response says <c>x-ratelimit-remaining: 0</c>, no further call starts before
/// <c>x-ratelimit-reset</c> (epoch seconds or seconds to wait).
/// </summary>
internal sealed partial class PortRateLimitGate(TimeProvider timeProvider, IOptions<PortOptions> options, ILogger<PortRateLimitGate> logger)
{
    private long _notBeforeUtcTicks;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = new DateTimeOffset(Interlocked.Read(ref _notBeforeUtcTicks), TimeSpan.Zero) - timeProvider.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            LogWaiting(wait.TotalSeconds);
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    public void Observe(HttpResponseHeaders headers)
    {
        if (RetryAfter.RateLimitRemaining(headers) is not <= 0 || RetryAfter.FromRateLimitReset(headers, timeProvider) is not { } reset)
        {
            return;
        }

        var max = options.Value.MaxRateLimitWait;
        var notBefore = (timeProvider.GetUtcNow() + (reset < max ? reset : max)).UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _notBeforeUtcTicks);
            if (seen >= notBefore)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _notBeforeUtcTicks, notBefore, seen) != seen);
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Port's rate limit is used up; waiting {Seconds:0.#} s for it to reset")]
    private partial void LogWaiting(double seconds);
}

namespace CopilotIngest.Core.Http;

/// <summary>How one API's standard resilience pipeline behaves; <see cref="StandardResilience"/> applies it.</summary>
public sealed record ResiliencePolicy
{
    /// <summary>The service, as users know it: <c>Port</c>, <c>GitHub</c>, <c>Microsoft Graph</c>.</summary>
    public required string Service { get; init; }

    /// <summary>Retries after the first attempt (at least 1).</summary>
    public required int MaxRetries { get; init; }

    /// <summary>First back-off delay when the server names no wait; grows exponentially with jitter.</summary>
    public required TimeSpan BaseDelay { get; init; }

    /// <summary>Time one attempt may take: headers and (with <see cref="ResponseBufferingHandler"/>) the body.</summary>
    public required TimeSpan AttemptTimeout { get; init; }

    /// <summary>Longest wait the server may ask for (<c>Retry-After</c>, rate-limit reset) that is still honoured.</summary>
    public required TimeSpan MaxServerWait { get; init; }

    /// <summary>The setting behind <see cref="MaxServerWait"/>, named when a longer wait is refused.</summary>
    public required string MaxServerWaitSetting { get; init; }

    /// <summary>Time one call may take with every retry and wait; null: enough for every attempt and the longest honoured wait.</summary>
    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>
    /// The wait the server asked for when the answer is a rate limit or an overload it wants retried later; null for
    /// any other answer (then 5xx, 408 and 429 back off exponentially). May read the buffered body.
    /// </summary>
    public required Func<HttpResponseMessage, CancellationToken, ValueTask<TimeSpan?>> ServerWait { get; init; }

    /// <summary>What a request is, for log lines (never with a query string that could hold a signature).</summary>
    public Func<HttpRequestMessage?, string> Describe { get; init; } = request => request?.RequestUri?.AbsolutePath ?? "?";

    internal int Retries => Math.Max(1, MaxRetries);

    internal TimeSpan EffectiveTotalTimeout
    {
        get
        {
            var floor = AttemptTimeout + AttemptTimeout;
            var total = TotalTimeout ?? (AttemptTimeout + MaxServerWait) * (Retries + 1);
            return total > floor ? total : floor;
        }
    }
}

namespace CopilotIngest.Simulation.GitHub;

/// <summary>The failures the simulated GitHub can be told to produce.</summary>
public enum SimulatedFaultKind
{
    /// <summary>403 "Resource not accessible by personal access token" with the token's scopes.</summary>
    PermissionDenied,

    /// <summary>403 with <c>x-ratelimit-remaining: 0</c> and <c>x-ratelimit-reset</c>.</summary>
    RateLimited,

    /// <summary>403 with a secondary-rate-limit message and no wait header.</summary>
    SecondaryRateLimit,

    /// <summary>429 with <c>Retry-After</c>.</summary>
    TooManyRequests,

    /// <summary>A 5xx answer.</summary>
    ServerError,

    /// <summary>A slow answer (the normal answer after a delay).</summary>
    Latency,

    /// <summary>The connection closes without an answer.</summary>
    DropConnection,

    /// <summary>The headers and half the body arrive, then the connection closes.</summary>
    TruncatedBody,

    /// <summary>A report endpoint answers normally, but with download links that have already expired.</summary>
    ExpiredLinks,

    /// <summary>Any status with a GitHub-style message body, e.g. 422 for a payment-method problem.</summary>
    Status,
}

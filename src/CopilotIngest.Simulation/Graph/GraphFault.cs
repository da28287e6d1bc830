namespace CopilotIngest.Simulation.Graph;

/// <summary>What a fault makes the simulated Graph (or its token endpoint) answer.</summary>
public enum GraphFaultKind
{
    /// <summary>429 Too Many Requests with <c>Retry-After</c>.</summary>
    Throttle,

    /// <summary>403 Authorization_RequestDenied: the app lacks the permission.</summary>
    Forbidden,

    /// <summary>401 InvalidAuthenticationToken: the access token expired.</summary>
    ExpiredToken,

    /// <summary>500 Internal Server Error.</summary>
    ServerError,

    /// <summary>503 Service Unavailable with <c>Retry-After</c>.</summary>
    ServiceUnavailable,

    /// <summary>The connection is closed without an answer.</summary>
    DropConnection,

    /// <summary>The answer waits for <see cref="GraphFault.Delay"/> first (for timeouts).</summary>
    Delay,

    /// <summary>The answer starts normally and the connection drops half-way through the body.</summary>
    TruncateBody,
}

/// <summary>
/// A fault for the next <paramref name="Count"/> requests whose path starts with <paramref name="PathPrefix"/>
/// (e.g. <c>/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail</c>, <c>/v1.0/subscribedSkus</c>, or <c>/</c> for all).
/// </summary>
public sealed record GraphFault(string PathPrefix, GraphFaultKind Kind, int Count = 1)
{
    /// <summary>The <c>Retry-After</c> of <see cref="GraphFaultKind.Throttle"/> and <see cref="GraphFaultKind.ServiceUnavailable"/>.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait of <see cref="GraphFaultKind.Delay"/>.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(5);
}
